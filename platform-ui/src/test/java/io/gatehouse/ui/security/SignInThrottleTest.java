package io.gatehouse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The sign-in throttle on a fake clock. */
class SignInThrottleTest {
    private final FakeClock clock = new FakeClock();
    private final SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Settings(
            5, 20, Duration.ofMinutes(15), Duration.ofSeconds(30), Duration.ofMinutes(15)), clock);

    private void fail(String user, String ip, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user, ip);
        }
    }

    @Test
    void fourFailuresDoNotLockTheFifthLocksForTheBaseCoolDown() {
        fail("alice", "10.0.0.1", 4);
        assertThat(throttle.retryAfter("alice", "10.0.0.1")).isZero();

        fail("alice", "10.0.0.1", 1);
        assertThat(throttle.retryAfter("alice", "10.0.0.9")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.retryAfter("bob", "10.0.0.9")).isZero();

        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.retryAfter("alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("alice", "10.0.0.1")).isZero();
    }

    @Test
    void eachFurtherFailureDoublesTheCoolDownUpToTheCap() {
        fail("alice", null, 5);
        long[] expected = {60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            clock.advance(throttle.retryAfter("alice", null));
            throttle.failed("alice", null);
            assertThat(throttle.retryAfter("alice", null)).isEqualTo(Duration.ofSeconds(seconds));
        }
    }

    @Test
    void aSuccessResetsTheUsersCount() {
        fail("alice", null, 4);
        throttle.succeeded("alice");
        fail("alice", null, 4);

        assertThat(throttle.retryAfter("alice", null)).isZero();
    }

    @Test
    void failuresOutsideTheWindowStartAFreshCount() {
        fail("alice", null, 4);
        clock.advance(Duration.ofMinutes(16));
        fail("alice", null, 4);

        assertThat(throttle.retryAfter("alice", null)).isZero();
    }

    @Test
    void userNamesAreCountedCaseInsensitivelyAndUnknownOnesLikeKnownOnes() {
        fail("Nobody-Here", null, 3);
        fail("nobody-here", null, 2);

        assertThat(throttle.retryAfter("NOBODY-HERE", null)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void twentyFailuresFromOneIpLockThatIpForEveryUser() {
        for (int i = 0; i < 20; i++) {
            throttle.failed("user-" + i, "192.0.2.7");
        }

        assertThat(throttle.retryAfter("someone-else", "192.0.2.7")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.retryAfter("someone-else", "192.0.2.8")).isZero();
        throttle.succeeded("someone-else");
        assertThat(throttle.retryAfter("someone-else", "192.0.2.7")).isEqualTo(Duration.ofSeconds(30));
    }

    private static final class FakeClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
