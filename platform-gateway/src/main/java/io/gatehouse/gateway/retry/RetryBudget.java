package io.gatehouse.gateway.retry;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * Caps retries to one provider at a share of its recent requests (default 20 % over 10 s), always allowing a few
 * concurrent retries (default 3) so a quiet provider can still be retried. Stops a failing upstream from being hit
 * by a retry storm. Lock-free: ten one-second buckets of counters.
 */
public final class RetryBudget {
    private static final int BUCKETS = 10;

    private final double ratio;
    private final int minConcurrent;
    private final LongSupplier clockMs;
    private final AtomicLongArray bucketSecond = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray requests = new AtomicLongArray(BUCKETS);
    private final AtomicLongArray retries = new AtomicLongArray(BUCKETS);
    private final AtomicInteger activeRetries = new AtomicInteger();

    public RetryBudget(double ratio, int minConcurrent, LongSupplier clockMs) {
        this.ratio = ratio;
        this.minConcurrent = minConcurrent;
        this.clockMs = clockMs;
    }

    public static RetryBudget standard() {
        return new RetryBudget(0.2, 3, System::currentTimeMillis);
    }

    public void recordRequest() {
        requests.incrementAndGet(bucket());
    }

    /** Takes a retry from the budget if one is available; pair with {@link #release()} when the retry ends. */
    public boolean tryAcquire() {
        long windowRequests = sum(requests);
        long windowRetries = sum(retries);
        boolean withinShare = windowRetries + 1 <= windowRequests * ratio;
        if (!withinShare && activeRetries.get() >= minConcurrent) {
            return false;
        }
        retries.incrementAndGet(bucket());
        activeRetries.incrementAndGet();
        return true;
    }

    public void release() {
        activeRetries.decrementAndGet();
    }

    private int bucket() {
        long second = clockMs.getAsLong() / 1000;
        int index = (int) (second % BUCKETS);
        long seen = bucketSecond.get(index);
        if (seen != second && bucketSecond.compareAndSet(index, seen, second)) {
            requests.set(index, 0);
            retries.set(index, 0);
        }
        return index;
    }

    private long sum(AtomicLongArray counters) {
        long now = clockMs.getAsLong() / 1000;
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (now - bucketSecond.get(i) < BUCKETS) {
                total += counters.get(i);
            }
        }
        return total;
    }
}
