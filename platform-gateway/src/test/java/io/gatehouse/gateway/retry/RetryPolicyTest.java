package io.gatehouse.gateway.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final List<String> DEFAULT_RETRY_ON = List.of("connect-failure", "502", "503", "504");

    @Test
    void backoffIsFullJitterUnderAnExponentialCeiling() {
        assertThat(Backoff.delayMs(1, 100, 2000, () -> 0.999)).isEqualTo(100);
        assertThat(Backoff.delayMs(2, 100, 2000, () -> 0.999)).isEqualTo(200);
        assertThat(Backoff.delayMs(4, 100, 2000, () -> 0.999)).isEqualTo(800);
        assertThat(Backoff.delayMs(10, 100, 2000, () -> 0.999)).isBetween(1990L, 2000L);
        assertThat(Backoff.delayMs(3, 100, 2000, () -> 0.0)).isZero();
        java.util.Random random = new java.util.Random(7);
        long[] samples = new long[2000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Backoff.delayMs(3, 100, 2000, random::nextDouble);
        }
        assertThat(java.util.Arrays.stream(samples).min().orElseThrow()).isLessThan(40);
        assertThat(java.util.Arrays.stream(samples).max().orElseThrow()).isBetween(360L, 400L);
        assertThat(java.util.Arrays.stream(samples).average().orElseThrow()).isBetween(170.0, 230.0);
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        assertThat(RetryAfter.parse("3", now)).contains(Duration.ofSeconds(3));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 10:00:05 GMT", now)).contains(Duration.ofSeconds(5));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 09:00:05 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse(null, now)).isEmpty();
    }

    @Test
    void thePlanRetriesThePrimaryThenGoesToFallbacksOnce() {
        AttemptPlan<String> plan = new AttemptPlan<>("primary", 3, List.of("fb1", "fb2"), DEFAULT_RETRY_ON);
        assertThat(plan.afterStatus(0, 503).slot()).isEqualTo(1);
        assertThat(plan.afterStatus(2, 503).slot()).isEqualTo(3);
        assertThat(plan.providerAt(3)).isEqualTo("fb1");
        assertThat(plan.afterStatus(3, 503).slot()).isEqualTo(4);
        assertThat(plan.afterStatus(4, 503).exists()).isFalse();
        assertThat(plan.afterStatus(0, 500).exists()).isFalse();
        assertThat(plan.afterStatus(0, 500).whyNot()).contains("retryOn");
    }

    @Test
    void aTimeoutNotInRetryOnSkipsStraightToTheFallback() {
        AttemptPlan<String> plan = new AttemptPlan<>("primary", 3, List.of("fb"), DEFAULT_RETRY_ON);
        assertThat(plan.afterFailure(0, FailureKind.TIMEOUT).slot()).isEqualTo(3);
        assertThat(plan.afterFailure(0, FailureKind.RESET).exists()).isFalse();
        AttemptPlan<String> noFallback = new AttemptPlan<>("primary", 3, List.of(), DEFAULT_RETRY_ON);
        assertThat(noFallback.afterFailure(0, FailureKind.TIMEOUT).exists()).isFalse();
        assertThat(noFallback.afterProviderUnavailable(0).exists()).isFalse();
        assertThat(plan.afterProviderUnavailable(1).slot()).isEqualTo(3);
    }

    @Test
    void aSentPostIsNotRepeatedWithoutPermissionButAConnectFailureIs() {
        RetryContext post = new RetryContext("POST", false, false, true);
        assertThat(RetryRules.decide(post, RetryRules.Outcome.status(502), "again", null, 1, 10_000, 10, true).retry()).isFalse();
        assertThat(RetryRules.decide(post, RetryRules.Outcome.failure(FailureKind.CONNECT_FAILURE), "again", null, 1, 10_000, 10, true).retry()).isTrue();
        RetryContext keyed = new RetryContext("POST", false, true, true);
        assertThat(RetryRules.decide(keyed, RetryRules.Outcome.status(502), "again", null, 1, 10_000, 10, true).retry()).isTrue();
        RetryContext allowed = new RetryContext("PATCH", true, false, true);
        assertThat(RetryRules.decide(allowed, RetryRules.Outcome.failure(FailureKind.RESET), "again", null, 1, 10_000, 10, true).retry()).isTrue();
    }

    @Test
    void streamedBodiesDeadlinesAndBudgetStopRetriesWithAReason() {
        RetryContext streamed = new RetryContext("PUT", false, false, false);
        RetryDecision noReplay = RetryRules.decide(streamed, RetryRules.Outcome.status(503), "again", null, 1, 10_000, 10, true);
        assertThat(noReplay.retry()).isFalse();
        assertThat(noReplay.reason()).contains("streamed");
        RetryContext get = new RetryContext("GET", false, false, true);
        assertThat(RetryRules.decide(get, RetryRules.Outcome.status(503), "again", null, 1, 50, 80, true).reason()).contains("deadline");
        assertThat(RetryRules.decide(get, RetryRules.Outcome.status(503), "again", null, 1, 10_000, 10, false).reason()).contains("budget");
        assertThat(RetryRules.decide(get, RetryRules.Outcome.status(503), null, "all planned attempts used", 3, 10_000, 10, true).reason())
                .contains("all planned attempts used");
    }

    @Test
    void theBudgetAllowsTwentyPercentPlusAFewConcurrentRetries() {
        AtomicLong clock = new AtomicLong(5_000_000);
        RetryBudget budget = new RetryBudget(0.2, 3, clock::get);
        for (int i = 0; i < 100; i++) {
            budget.recordRequest();
        }
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (budget.tryAcquire()) {
                granted++;
            }
        }
        assertThat(granted).isBetween(20, 23);
        clock.addAndGet(11_000);
        assertThat(budget.tryAcquire()).isFalse();
    }
}
