package io.gatehouse.ui.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.route.FaultSpec;
import io.gatehouse.gateway.route.MockSpec;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestFormatsTest {

    @Test
    void statusBadgesAreGreenForSuccessGreyForClientErrorsAndRedOtherwise() {
        assertThat(TestFormats.statusTheme(200)).isEqualTo("badge success");
        assertThat(TestFormats.statusTheme(302)).isEqualTo("badge success");
        assertThat(TestFormats.statusTheme(404)).isEqualTo("badge contrast");
        assertThat(TestFormats.statusTheme(503)).isEqualTo("badge error");
        assertThat(TestFormats.statusTheme(0)).isEqualTo("badge error");
    }

    @Test
    void theAttemptsHeaderReadsAsACount() {
        assertThat(TestFormats.attempts("3")).isEqualTo("3 attempts");
        assertThat(TestFormats.attempts("1")).isEqualTo("1 attempt");
        assertThat(TestFormats.attempts(null)).isEqualTo("attempts: ?");
        assertThat(TestFormats.attempts("x")).isEqualTo("attempts: x");
    }

    @Test
    void latencyHeadersAreListedWhenPresent() {
        assertThat(TestFormats.latencies(Map.of("x-gateway-latency", "120", "x-upstream-latency", "5")))
                .isEqualTo("gateway 120 ms, upstream 5 ms");
        assertThat(TestFormats.latencies(Map.of("x-gateway-latency", "3"))).isEqualTo("gateway 3 ms");
        assertThat(TestFormats.latencies(Map.of())).isEmpty();
    }

    @Test
    void anAttemptShowsItsStatusOrItsErrorCode() {
        Instant t = Instant.parse("2026-01-02T03:04:05.678Z");
        assertThat(TestFormats.outcome(new Attempt("p", "mock://p", t, 1, 503, null, "retry"))).isEqualTo("503");
        assertThat(TestFormats.outcome(new Attempt("p", "mock://p", t, 1, 0, "upstream_reset", "x")))
                .isEqualTo("upstream_reset");
        assertThat(TestFormats.outcome(new Attempt("p", "mock://p", t, 1, 504, "upstream_timeout", "x")))
                .isEqualTo("504 upstream_timeout");
        assertThat(TestFormats.outcome(new Attempt("p", "mock://p", t, 1, 0, null, null))).isEqualTo("-");
        assertThat(TestFormats.time(t)).isEqualTo("03:04:05.678");
    }

    @Test
    void faultsAndMocksAreSummarisedOnOneLine() {
        assertThat(Formats.faults(FaultSpec.NONE)).isEqualTo("off");
        assertThat(Formats.faults(null)).isEqualTo("off");
        assertThat(Formats.faults(new FaultSpec(30, 503, 5, 10, 1500)))
                .isEqualTo("errors 30% (503), resets 5%, delays 10% x 1500 ms");
        assertThat(Formats.mock(new MockSpec(200, "{}", null, 50, new FaultSpec(30, 503, null, null, null))))
                .isEqualTo("mock: 200 application/json after 50 ms; faults: errors 30% (503)");
        assertThat(Formats.mock(MockSpec.DEFAULT)).isEqualTo("mock: 200 application/json");
    }
}
