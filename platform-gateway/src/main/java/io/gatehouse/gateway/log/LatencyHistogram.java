package io.gatehouse.gateway.log;

/**
 * Fixed latency bins (1-2-5 steps from 1 ms to 60 s) so percentiles can be estimated from per-bin counts: bounded
 * memory whatever the call count. The estimate interpolates linearly inside the bin, so it is off by at most the
 * bin's width.
 */
final class LatencyHistogram {
    /** Upper bounds (exclusive) of every bin but the last, which is open-ended. */
    static final long[] BOUNDS = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 60_000};
    static final int BINS = BOUNDS.length + 1;

    private LatencyHistogram() {
    }

    static int binOf(long latencyMs) {
        for (int i = 0; i < BOUNDS.length; i++) {
            if (latencyMs < BOUNDS[i]) {
                return i;
            }
        }
        return BOUNDS.length;
    }

    /** The estimated {@code p}-quantile (0 < p <= 1) of the counts per bin; 0 when there are none. */
    static long percentile(long[] counts, double p) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        double rank = p * total;
        long seen = 0;
        for (int bin = 0; bin < counts.length; bin++) {
            if (counts[bin] > 0 && seen + counts[bin] >= rank) {
                long low = bin == 0 ? 0 : BOUNDS[bin - 1];
                if (bin >= BOUNDS.length) {
                    return low;
                }
                double within = (rank - seen) / counts[bin];
                return Math.round(low + within * (BOUNDS[bin] - low));
            }
            seen += counts[bin];
        }
        return BOUNDS[BOUNDS.length - 1];
    }
}
