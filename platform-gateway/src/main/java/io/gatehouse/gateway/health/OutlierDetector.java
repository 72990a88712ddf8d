package io.gatehouse.gateway.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Passive outlier detection for one target: after {@code threshold} consecutive failures (connect failures or 5xx)
 * the target is ejected for {@code baseEjection x times ejected}, capped, then re-admitted; one success resets the
 * streak.
 */
final class OutlierDetector {
    private final String target;
    private final int threshold;
    private final Duration baseEjection;
    private final Duration maxEjection;
    private final LongSupplier clockMs;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final AtomicInteger timesEjected = new AtomicInteger();
    private final AtomicLong ejectedUntilMs = new AtomicLong();

    OutlierDetector(String target, int threshold, Duration baseEjection, Duration maxEjection, LongSupplier clockMs) {
        this.target = target;
        this.threshold = threshold;
        this.baseEjection = baseEjection;
        this.maxEjection = maxEjection;
        this.clockMs = clockMs;
    }

    boolean isEjected() {
        return clockMs.getAsLong() < ejectedUntilMs.get();
    }

    void recordSuccess() {
        consecutiveFailures.set(0);
    }

    void recordFailure() {
        if (consecutiveFailures.incrementAndGet() >= threshold && !isEjected()) {
            int times = timesEjected.incrementAndGet();
            long period = Math.min(baseEjection.toMillis() * times, maxEjection.toMillis());
            ejectedUntilMs.set(clockMs.getAsLong() + period);
            consecutiveFailures.set(0);
        }
    }

    TargetState state() {
        boolean ejected = isEjected();
        return new TargetState(target, ejected, ejected ? Instant.ofEpochMilli(ejectedUntilMs.get()) : null,
                consecutiveFailures.get(), timesEjected.get());
    }
}
