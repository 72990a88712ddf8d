package io.gatehouse.gateway.log;

import io.gatehouse.auth.access.AccessControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Dashboard aggregates of the request log, counted in one pass over the window ({@link LogScan}): counts per time
 * bucket, status class and latency bin (percentiles estimated from the bins), the top routes, and the failing
 * targets counted from the attempts of the newest failed calls (bounded sample). A block is counted from its
 * {@link BlockSummary} when that gives the same numbers, else call by call.
 */
@Service
public class LogStatsService {
    static final int FAILED_CALLS_SAMPLED = 5_000;
    static final int TOP = 10;
    static final int MAX_BUCKETS = 1_500;

    private final JdbcTemplate jdbc;
    private final AccessControl access;

    LogStatsService(JdbcTemplate jdbc, AccessControl access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    /** One tenant's calls, or every tenant's when {@code tenant} is null (platform admins). */
    public TrafficStats stats(String tenant, Instant from, Instant to, int bucketSeconds) {
        Long tenantId;
        if (tenant == null) {
            access.requirePlatformAdmin("see traffic across tenants");
            tenantId = null;
        } else {
            tenantId = access.readableTenant(tenant);
        }
        return compute(jdbc, tenantId, from, to, bucketSeconds);
    }

    static TrafficStats compute(JdbcTemplate jdbc, Long tenantId, Instant from, Instant to, int bucketSeconds) {
        if (bucketSeconds < 1 || !from.isBefore(to)
                || (to.getEpochSecond() - from.getEpochSecond()) / bucketSeconds > MAX_BUCKETS) {
            throw new IllegalArgumentException("need from < to and at most " + MAX_BUCKETS + " buckets");
        }
        Tally tally = new Tally(from, to, bucketSeconds);
        LogScan.newestFirst(jdbc, tenantId, LogMatch.between(from, to), tally::addWhole, row -> {
            tally.add(row);
            return true;
        });
        return tally.result();
    }

    /** The aggregates, call by call (newest first, so the failed-call sample is the newest failed calls). */
    private static final class Tally {
        private final Instant from;
        private final Instant to;
        private final int bucketSeconds;
        private final long firstBucket;
        private final long fromMicros;
        private final long toMicros;
        private final long[][] byClass;
        private final long[][] bins;
        private final Map<List<String>, long[]> routes = new HashMap<>();
        private final Map<String, long[]> failures = new LinkedHashMap<>();
        private final Map<String, String> lastCode = new LinkedHashMap<>();
        private int failedSampled;

        Tally(Instant from, Instant to, int bucketSeconds) {
            this.from = from;
            this.to = to;
            this.bucketSeconds = bucketSeconds;
            this.firstBucket = Math.floorDiv(from.getEpochSecond(), bucketSeconds);
            this.fromMicros = StoredRow.micros(from);
            this.toMicros = StoredRow.micros(to);
            int n = (int) (Math.floorDiv(to.getEpochSecond() - 1, bucketSeconds) - firstBucket + 1);
            this.byClass = new long[n][6];
            this.bins = new long[n][LatencyHistogram.BINS];
        }

        void add(StoredRow row) {
            long bucket = Math.floorDiv(Math.floorDiv(row.micros, 1_000_000L), bucketSeconds) - firstBucket;
            if (bucket >= 0 && bucket < byClass.length) {
                byClass[(int) bucket][Math.min(5, row.statusClass())]++;
                bins[(int) bucket][LatencyHistogram.binOf(row.latencyMs)]++;
            }
            if (row.route != null) {
                long[] r = routes.computeIfAbsent(Arrays.asList(row.tenant, row.route), k -> new long[3]);
                r[0]++;
                r[1] += row.statusClass() == 5 ? 1 : 0;
                r[2] += row.latencyMs;
            }
            if (BlockSummary.isFailed(row) && failedSampled < FAILED_CALLS_SAMPLED) {
                failedSampled++;
                for (Attempt a : row.attempts()) {
                    if (a.target() != null && (a.errorCode() != null || a.status() >= 500)) {
                        failures.computeIfAbsent(a.target(), t -> new long[1])[0]++;
                        lastCode.putIfAbsent(a.target(), a.errorCode() != null ? a.errorCode() : "HTTP " + a.status());
                    }
                }
            }
        }

        /**
         * Counts a block from its summary when that gives the same result as its calls: all of them inside the window
         * and in one bucket, and none of them a failed call the sample still needs (those are read call by call,
         * newest first).
         */
        boolean addWhole(LogBlock block) {
            long firstSecond = Math.floorDiv(block.firstMicros(), 1_000_000L);
            long lastSecond = Math.floorDiv(block.lastMicros(), 1_000_000L);
            long bucket = Math.floorDiv(firstSecond, bucketSeconds) - firstBucket;
            if (block.summary() == null || block.firstMicros() < fromMicros || block.lastMicros() >= toMicros
                    || Math.floorDiv(lastSecond, bucketSeconds) - firstBucket != bucket
                    || bucket < 0 || bucket >= byClass.length) {
                return false;
            }
            BlockSummary s = BlockSummary.read(block.summary());
            if (s.failedCalls > 0 && failedSampled < FAILED_CALLS_SAMPLED) {
                return false;
            }
            for (int c = 0; c < BlockSummary.CLASSES; c++) {
                byClass[(int) bucket][c] += s.byClass[c];
            }
            for (int b = 0; b < s.bins.length; b++) {
                bins[(int) bucket][b] += s.bins[b];
            }
            s.routes.forEach((route, counts) -> {
                long[] r = routes.computeIfAbsent(Arrays.asList(s.tenant, route), k -> new long[3]);
                for (int i = 0; i < 3; i++) {
                    r[i] += counts[i];
                }
            });
            return true;
        }

        TrafficStats result() {
            List<TrafficStats.Bucket> buckets = new ArrayList<>(byClass.length);
            for (int i = 0; i < byClass.length; i++) {
                long[] c = byClass[i];
                long total = c[0] + c[1] + c[2] + c[3] + c[4] + c[5];
                buckets.add(new TrafficStats.Bucket(Instant.ofEpochSecond((firstBucket + i) * bucketSeconds), total,
                        c[0] + c[1] + c[2] + c[3], c[4], c[5], LatencyHistogram.percentile(bins[i], 0.50),
                        LatencyHistogram.percentile(bins[i], 0.95), LatencyHistogram.percentile(bins[i], 0.99)));
            }
            List<TrafficStats.RouteTraffic> top = routes.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<List<String>, long[]>>comparingLong(e -> -e.getValue()[0])
                            .thenComparing(e -> e.getKey().get(0), Comparator.nullsFirst(Comparator.naturalOrder()))
                            .thenComparing(e -> e.getKey().get(1)))
                    .limit(TOP)
                    .map(e -> new TrafficStats.RouteTraffic(e.getKey().get(0), e.getKey().get(1), e.getValue()[0],
                            e.getValue()[1], Math.round((double) e.getValue()[2] / e.getValue()[0])))
                    .toList();
            List<TrafficStats.TargetFailures> failing = failures.entrySet().stream()
                    .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]))
                    .limit(TOP)
                    .map(e -> new TrafficStats.TargetFailures(e.getKey(), e.getValue()[0], lastCode.get(e.getKey())))
                    .toList();
            return new TrafficStats(from, to, bucketSeconds, buckets, top, failing, failedSampled);
        }
    }
}
