package io.gatehouse.gateway.log;

import java.time.Instant;
import java.util.List;

/**
 * Request log aggregates for the dashboard over {@code [from, to)}: one {@link Bucket} per {@code bucketSeconds}
 * (empty buckets included, oldest first), the busiest routes and the targets with the most failed attempts.
 *
 * @param failingTargetsSampled how many failed calls {@code failingTargets} was counted from (the newest ones,
 *                              at most {@link LogStatsService#FAILED_CALLS_SAMPLED})
 */
public record TrafficStats(Instant from, Instant to, int bucketSeconds, List<Bucket> buckets, List<RouteTraffic> topRoutes,
                           List<TargetFailures> failingTargets, int failingTargetsSampled) {
    public TrafficStats {
        buckets = List.copyOf(buckets);
        topRoutes = List.copyOf(topRoutes);
        failingTargets = List.copyOf(failingTargets);
    }

    /**
     * One time bucket. {@code ok} counts 1xx-3xx answers; latency percentiles are estimated from a fixed histogram
     * (see {@link LatencyHistogram}), 0 when the bucket is empty.
     */
    public record Bucket(Instant start, long requests, long ok, long clientErrors, long serverErrors, long p50Ms,
                         long p95Ms, long p99Ms) {
    }

    /** A route's calls in the period; {@code tenant} is its tenant's slug. */
    public record RouteTraffic(String tenant, String route, long requests, long serverErrors, long avgLatencyMs) {
    }

    /** A target and how many attempts against it failed (error code or 5xx) in the sampled failed calls. */
    public record TargetFailures(String target, long failedAttempts, String lastErrorCode) {
    }
}
