package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.InvalidInputException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small pure parts of the request log: filters, cursors, CSV cells, attempts JSON, query redaction. */
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
    void aCursorRoundTripsAndAnyEditedByteIsRefused() {
        LogCursor cursor = new LogCursor(1_764_140_000_123_456L, 42);
        String token = cursor.encode();

        assertThat(LogCursor.decode(token)).isEqualTo(cursor);
        assertThat(cursor.instant()).isEqualTo(Instant.parse("2025-11-26T06:53:20.123456Z"));
        for (int i = 0; i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String edited = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(LogCursor.decode(edited)).as("edited at %d", i).isNull();
        }
        assertThat(LogCursor.decode(token.substring(1))).isNull();
        assertThat(LogCursor.decode(token + "AA")).isNull();
        assertThat(LogCursor.decode("%%%")).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "plain|plain",
            "a,b|~\"a,b\"~",
            "say \"hi\"|~\"say \"\"hi\"\"\"~",
            "=HYPERLINK(\"x\")|~\"'=HYPERLINK(\"\"x\"\")\"~",
            "+1|'+1",
            "-2|'-2",
            "@SUM(A1)|'@SUM(A1)",
            "/echo/=x|/echo/=x"})
    void csvCellsAreQuotedAndGuardedAgainstFormulas(String value, String cell) {
        assertThat(LogCsv.cell(value)).isEqualTo(cell);
    }

    @Test
    void csvCellsWithLineBreaksAreQuoted() {
        assertThat(LogCsv.cell("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(LogCsv.cell(null)).isEmpty();
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
            "access%5Ftoken=zzz|access%5Ftoken=REDACTED"})
    void secretLookingQueryValuesAreRedacted(String query, String stored) {
        assertThat(QueryRedaction.redact(query)).isEqualTo(stored);
    }
}
