package io.gatehouse.gateway.retry;

import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter: a uniform wait in [0, min(max, initial * 2^(retry-1))]. */
public final class Backoff {
    private Backoff() {
    }

    /**
     * @param retry  1 for the first retry (the wait before attempt 2), 2 for the next, ...
     * @param random uniform in [0, 1)
     */
    public static long delayMs(int retry, long initialMs, long maxMs, DoubleSupplier random) {
        if (initialMs <= 0 || maxMs <= 0) {
            return 0;
        }
        long ceiling = initialMs;
        for (int i = 1; i < retry && ceiling < maxMs; i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, maxMs);
        return (long) (random.getAsDouble() * (ceiling + 1));
    }
}
