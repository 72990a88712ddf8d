package io.gatehouse.gateway.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.log.Attempt;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureExplainerTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private static final CallSettings SETTINGS = new CallSettings(2000, 30000, 30000, 3,
            List.of("connect-failure", "502", "503", "504"), null);

    private static Attempt attempt(String target, long latencyMs, String code, String decision) {
        return new Attempt("echo", target, T0, latencyMs, 0, code, decision);
    }

    private static Explanation explain(String code, int status, List<Attempt> attempts) {
        return FailureExplainer.explain(code, status, attempts, SETTINGS).orElseThrow();
    }

    @Test
    void aCallAnUpstreamAnsweredNeedsNoExplanation() {
        assertThat(FailureExplainer.explain(null, 200, List.of(), SETTINGS)).isEmpty();
        assertThat(FailureExplainer.explain(" ", 503, List.of(), null)).isEmpty();
    }

    @Test
    void aQuickConnectFailureIsExplainedAsRefusedOrDnsInTheConnectPhaseAndPointsAtDiagnose() {
        Explanation e = explain("upstream_connect_failed", 502, List.of(
                attempt("http://127.0.0.1:9", 2, "upstream_connect_failed", "connect-failure; trying x"),
                attempt("http://127.0.0.1:9", 1, "upstream_connect_failed", "connect-failure; no attempts left")));

        assertThat(e.phase()).startsWith("connect");
        assertThat(e.whatHappened()).contains("http://127.0.0.1:9", "refused", "All 2 attempts");
        assertThat(String.join(" ", e.likelyCauses())).contains("not listening", "DNS", "firewall");
        assertThat(String.join(" ", e.nextSteps())).contains("Diagnose now", "healthCheck");
    }

    @Test
    void aConnectFailureAsLongAsConnectTimeoutIsATimeoutAndNamesConnectTimeoutMs() {
        Explanation e = explain("upstream_connect_failed", 502,
                List.of(attempt("http://10.1.2.3:80", 2003, "upstream_connect_failed", "no attempts left")));

        assertThat(e.phase()).isEqualTo("connect");
        assertThat(e.whatHappened()).contains("2000 ms");
        assertThat(String.join(" ", e.likelyCauses())).contains("firewall");
        assertThat(String.join(" ", e.nextSteps())).contains("connectTimeoutMs");
    }

    @Test
    void anHttpsTargetMentionsTheTlsHandshakeAndConnectFailureRetriesAreSuggestedWhenMissing() {
        CallSettings noRetry = new CallSettings(2000, 30000, 30000, 1, List.of("502"), "/health");
        Explanation e = FailureExplainer.explain("upstream_connect_failed", 502,
                List.of(attempt("https://api.example.com", 30, "upstream_connect_failed", "x")), noRetry).orElseThrow();

        assertThat(e.phase()).contains("TLS");
        assertThat(String.join(" ", e.nextSteps())).contains("retry.retryOn", "connect-failure", "/health");
    }

    @Test
    void aPerTryTimeoutIsWaitingForTheResponseHeadAndNamesResponseTimeoutMs() {
        Explanation e = explain("upstream_timeout", 504,
                List.of(attempt("http://a:1", 30000, "upstream_timeout", "timeout; no attempts left")));

        assertThat(e.phase()).isEqualTo("waiting for response head");
        assertThat(String.join(" ", e.nextSteps())).contains("responseTimeoutMs", "retry.retryOn");
        assertThat(String.join(" ", e.likelyCauses())).contains("overload");
    }

    @Test
    void aRouteDeadlineTimeoutNamesTheRouteTimeoutMs() {
        Explanation e = explain("upstream_timeout", 504,
                List.of(attempt("http://a:1", 900, "upstream_timeout", "route deadline of 30000 ms passed")));

        assertThat(e.phase()).contains("route deadline");
        assertThat(e.whatHappened()).contains("timeoutMs");
        assertThat(String.join(" ", e.nextSteps())).contains("route's timeoutMs");
    }

    @Test
    void aQuickResetPutsTheIdleKeepAliveRaceFirst() {
        Explanation e = explain("upstream_reset", 502, List.of(attempt("http://a:1", 3, "upstream_reset", "reset")));

        assertThat(e.phase()).isEqualTo("waiting for response head");
        assertThat(e.likelyCauses().get(0)).contains("idle keep-alive race");
        assertThat(String.join(" ", e.nextSteps())).contains("\"reset\"", "retry.retryOn", "keep-alive");
    }

    @Test
    void aSlowResetPutsACrashFirstAndMentionsTheLoadBalancer() {
        Explanation e = explain("upstream_reset", 502, List.of(attempt("http://a:1", 4000, "upstream_reset", "reset")));

        assertThat(e.likelyCauses().get(0)).contains("crashed");
        assertThat(String.join(" ", e.likelyCauses())).contains("load balancer");
    }

    @Test
    void anInvalidResponseHappenedReadingTheResponseHead() {
        Explanation e = explain("upstream_invalid_response", 502,
                List.of(attempt("http://a:5432", 4, "upstream_invalid_response", "not retryable")));

        assertThat(e.phase()).isEqualTo("reading response head");
        assertThat(String.join(" ", e.nextSteps())).contains("scheme");
    }

    @Test
    void aBlockedTargetNamesTheAllowlistSetting() {
        Explanation e = explain("upstream_blocked", 502,
                List.of(attempt("http://10.0.0.5", 0, "upstream_blocked", "not retryable")));

        assertThat(e.phase()).contains("address policy");
        assertThat(String.join(" ", e.nextSteps())).contains("PLATFORM_UPSTREAM_ALLOWLIST");
    }

    @Test
    void noHealthyUpstreamWithoutATargetMeansEveryTargetWasEjected() {
        Explanation e = explain("no_healthy_upstream", 503,
                List.of(attempt(null, 0, "no_healthy_upstream", "provider unavailable; no fallback")));

        assertThat(e.phase()).isEqualTo("choosing a target");
        assertThat(String.join(" ", e.nextSteps())).contains("healthCheck", "fallbackProviders");
    }

    @Test
    void noHealthyUpstreamAfterWaitingOnATargetMeansThePoolWasExhausted() {
        Explanation e = explain("no_healthy_upstream", 503,
                List.of(attempt("http://a:1", 5000, "no_healthy_upstream", "connect-failure; no attempts left")));

        assertThat(e.phase()).isEqualTo("acquiring a connection");
        assertThat(e.whatHappened()).contains("pool exhausted");
    }

    @Test
    void anOpenCircuitIsExplainedBeforeConnecting() {
        Explanation e = explain("circuit_open", 503, List.of(attempt(null, 0, "circuit_open", "provider unavailable")));

        assertThat(e.phase()).contains("circuit breaker");
        assertThat(String.join(" ", e.nextSteps())).contains("fallbackProviders");
    }

    @ParameterizedTest
    @CsvSource({"unauthorized,401,authentication", "forbidden,403,authorization", "route_not_found,404,routing",
            "method_not_allowed,405,routing", "payload_too_large,413,reading request body",
            "rate_limited,429,rate limiting", "invalid_path,400,routing", "something_new,500,unknown"})
    void everyCallerErrorCodeHasAPhaseAndANextStep(String code, int status, String phase) {
        Optional<Explanation> e = FailureExplainer.explain(code, status, List.of(), null);

        assertThat(e).isPresent();
        assertThat(e.get().code()).isEqualTo(code);
        assertThat(e.get().phase()).isEqualTo(phase);
        assertThat(e.get().nextSteps()).isNotEmpty();
        assertThat(e.get().likelyCauses()).isNotEmpty();
    }

    @Test
    void unknownSettingsStillGiveAnExplanation() {
        Explanation e = FailureExplainer.explain("upstream_timeout", 504, List.of(), CallSettings.UNKNOWN).orElseThrow();

        assertThat(e.whatHappened()).contains("the upstream", "its configured");
    }

    @Test
    void aBodyThatStalledAfterItsHeadIsExplainedAsReadingTheBodyAndNamesTheIdleTimeoutSetting() {
        Explanation e = explain("upstream_timeout", 200, List.of(attempt("http://10.0.0.7:8080", 12,
                "upstream_timeout", "answered 200; " + Attempt.BODY_CUT_SHORT + " after 1024 bytes: the upstream"
                        + " sent no response body data for 60000 ms (body idle timeout)")));

        assertThat(e.phase()).isEqualTo("reading response body");
        assertThat(e.whatHappened()).contains("http://10.0.0.7:8080", "incomplete answer", "after 1024 bytes");
        assertThat(String.join(" ", e.nextSteps())).contains("PLATFORM_GATEWAY_BODY_IDLE_TIMEOUT_MS");
    }

    @Test
    void aBodyThatBrokeOffIsExplainedAsAResetWhileReadingTheBody() {
        Explanation e = explain("upstream_reset", 200, List.of(attempt("http://10.0.0.7:8080", 12,
                "upstream_reset", "answered 200; " + Attempt.BODY_CUT_SHORT + " after 7 bytes: the upstream closed"
                        + " the connection before the end of the response body")));

        assertThat(e.phase()).isEqualTo("reading response body");
        assertThat(e.whatHappened()).contains("closed or reset the connection before the end of the body");
        assertThat(String.join(" ", e.nextSteps())).doesNotContain("BODY_IDLE_TIMEOUT");
    }
}
