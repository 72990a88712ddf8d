package io.gatehouse.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UpstreamHealthTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final UpstreamHealth health = new UpstreamHealth(now::get, CircuitBreakerConfig.custom()
            .slidingWindowSize(20).minimumNumberOfCalls(10).failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(30)).build());

    @Test
    void aTargetIsEjectedAfterFiveConsecutiveFailuresAndReadmittedAfterThirtySeconds() {
        for (int i = 0; i < 4; i++) {
            health.recordAttempt("t", "p", "http://a:1", true);
        }
        assertThat(health.isEjected("t", "p", "http://a:1")).isFalse();
        health.recordAttempt("t", "p", "http://a:1", true);
        assertThat(health.isEjected("t", "p", "http://a:1")).isTrue();
        assertThat(health.targetStates("t", "p", List.of("http://a:1", "http://b:1")))
                .extracting(TargetState::ejected).containsExactly(true, false);
        now.addAndGet(30_001);
        assertThat(health.isEjected("t", "p", "http://a:1")).isFalse();
    }

    @Test
    void aSuccessResetsTheFailureStreak() {
        for (int i = 0; i < 4; i++) {
            health.recordAttempt("t", "p", "http://a:1", true);
        }
        health.recordAttempt("t", "p", "http://a:1", false);
        for (int i = 0; i < 4; i++) {
            health.recordAttempt("t", "p", "http://a:1", true);
        }
        assertThat(health.isEjected("t", "p", "http://a:1")).isFalse();
    }

    @Test
    void theEjectionPeriodGrowsWithEachEjection() {
        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < 5; i++) {
                health.recordAttempt("t", "p", "http://a:1", true);
            }
            now.addAndGet(30_001);
        }
        assertThat(health.isEjected("t", "p", "http://a:1")).isTrue();
        now.addAndGet(30_000);
        assertThat(health.isEjected("t", "p", "http://a:1")).isFalse();
    }

    @Test
    void theBreakerOpensWhenHalfOfTheRecentCallsFailed() {
        for (int i = 0; i < 10; i++) {
            assertThat(health.tryEnter("t", "p")).isTrue();
            health.recordCall("t", "p", i % 2 == 0, 1);
        }
        assertThat(health.circuitState("t", "p")).isEqualTo("OPEN");
        assertThat(health.tryEnter("t", "p")).isFalse();
        assertThat(health.tryEnter("t", "other")).isTrue();
    }

    @Test
    void aTargetDownByItsActiveCheckIsOutOfRotationUntilItPassesAgain() {
        for (int i = 0; i < 3; i++) {
            health.recordProbe("t", "p", "http://a:1", false, "503 in 2 ms", 2, 3);
        }
        assertThat(health.isEjected("t", "p", "http://a:1")).isTrue();
        assertThat(health.isEjected("t", "p", "http://b:1")).isFalse();
        assertThat(health.targetStates("t", "p", List.of("http://a:1", "http://b:1")))
                .extracting(TargetState::activeCheck, TargetState::ejected, TargetState::inRotation)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("DOWN", false, false),
                        org.assertj.core.groups.Tuple.tuple("UNCHECKED", false, true));
        health.recordProbe("t", "p", "http://a:1", true, "200 in 2 ms", 2, 3);
        assertThat(health.isEjected("t", "p", "http://a:1")).isTrue();
        health.recordProbe("t", "p", "http://a:1", true, "200 in 2 ms", 2, 3);
        assertThat(health.isEjected("t", "p", "http://a:1")).isFalse();
        assertThat(health.targetStates("t", "p", List.of("http://a:1")).get(0).lastCheckDetail())
                .isEqualTo("200 in 2 ms");
    }

    @Test
    void forgettingAnActiveCheckPutsTheTargetBackInRotation() {
        health.recordProbe("t", "p", "http://a:1", false, "connection refused", 1, 1);
        assertThat(health.isEjected("t", "p", "http://a:1")).isTrue();
        health.forgetProbes("t", "p", "http://a:1");
        assertThat(health.isEjected("t", "p", "http://a:1")).isFalse();
        assertThat(health.targetStates("t", "p", List.of("http://a:1")).get(0).activeCheck()).isEqualTo("UNCHECKED");
    }
}
