package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The small pure parts of the request log: filters, attempts JSON, query redaction (cursors and CSV cells are shared;
 * see the tests of io.gatehouse.common).
 */
class LogFormatsTest {

    @ParameterizedTest
    @CsvSource({"502,5,502", "5xx,5,0", "4XX,4,0", "200,2,200", "' 404 ',4,404"})
    void statusFiltersAreExactOrAClass(String text, int statusClass, int exact) {
        assertThat(StatusFilter.parse(text)).isEqualTo(new StatusFilter(statusClass, exact));
    }

    @ParameterizedTest
    @CsvSource({"600", "5x", "abc", "0xx", "50", "5000", "6xx"})
    void otherStatusFiltersAreRefused(String text) {
        assertThat(StatusFilter.parse(text)).isNull();
        assertThatThrownBy(() -> LogFilter.parse(null, text, null, null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.problems()).extracting(p -> p.field()).containsExactly("status"));
    }

    @Test
    void everyBadParameterIsReportedAsAFieldProblem() {
        assertThatThrownBy(() -> LogFilter.parse(null, "9xx", null, "yesterday", "2026-13-01T00:00:00Z", null, "1001",
                "not-a-cursor"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactlyInAnyOrder("status", "from", "to", "limit", "cursor"));
        assertThatThrownBy(() -> LogFilter.parse(null, null, null, null, null, null, "ten", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("limit"));
        assertThatThrownBy(() -> LogFilter.parse(null, null, null, "2026-11-26T10:00:00Z", "2026-11-26T09:00:00Z",
                null, null, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> LogFilter.parse(null, null, null, null, null, null, "0", null))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aFilterDefaultsToTheNewestHundredAndReadsOffsets() {
        LogFilter filter = LogFilter.parse(" ", "", null, "2026-11-26T09:00:00+01:00", null, "", null, "");

        assertThat(filter.limit()).isEqualTo(100);
        assertThat(filter.route()).isNull();
        assertThat(filter.q()).isNull();
        assertThat(filter.cursor()).isNull();
        assertThat(filter.from()).isEqualTo(Instant.parse("2026-11-26T08:00:00Z"));
        assertThat(LogFilter.parse(null, null, null, null, null, null, "1000", null).limit()).isEqualTo(1000);
    }

    @Test
    void attemptsRoundTripThroughJson() {
        List<Attempt> attempts = List.of(
                new Attempt("echo", "http://127.0.0.1:9", Instant.parse("2026-11-26T07:00:00.123Z"), 12, 0,
                        "upstream_connect_failed", "connection refused; \"retrying\"\nin 80 ms"),
                new Attempt("spare", null, Instant.parse("2026-11-26T07:00:00.200Z"), 5, 200, null, null));

        assertThat(AttemptsJson.read(AttemptsJson.write(attempts, 50))).isEqualTo(attempts);
        assertThat(AttemptsJson.read(AttemptsJson.write(attempts, 1))).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a=1&b=2|a=1&b=2",
            "api_key=sk-123&x=1|api_key=REDACTED&x=1",
            "X-Amz-Signature=abc&X-Amz-Date=1|X-Amz-Signature=REDACTED&X-Amz-Date=1",
            "token=t&&flag|token=REDACTED&&flag",
            "access%5Ftoken=zzz|access%5Ftoken=REDACTED",
            "a=1&token=x&b=2|a=1&token=REDACTED&b=2",
            "a=1&b=2&sig=s|a=1&b=2&sig=REDACTED",
            "token=x&|token=REDACTED&",
            "&&key=k=v&|&&key=REDACTED&",
            "a=token=x&TOKEN=y|a=token=x&TOKEN=REDACTED",
            "token&key|token&key",
            "x-amz%2Dcredential=c|x-amz%2Dcredential=REDACTED",
            "a=%26&pwd=p%3D&z|a=%26&pwd=REDACTED&z"})
    void secretLookingQueryValuesAreRedacted(String query, String stored) {
        assertThat(QueryRedaction.redact(query)).isEqualTo(stored);
    }
}
