package io.gatehouse.gateway.log;

import io.gatehouse.auth.access.AccessControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Dashboard aggregates of the request log, computed by the database: counts per time bucket, status class and
 * latency bin in one GROUP BY (portable SQL for H2 and PostgreSQL; percentiles estimated in Java from the bins), the
 * top routes, and the failing targets counted from the attempts of the newest failed calls (bounded sample).
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
        String where = " WHERE occurred_at >= ? AND occurred_at < ?" + (tenantId == null ? "" : " AND tenant_id = ?");
        Object[] args = tenantId == null ? new Object[] {LogRows.time(from), LogRows.time(to)}
                : new Object[] {LogRows.time(from), LogRows.time(to), tenantId};
        return new TrafficStats(from, to, bucketSeconds, buckets(jdbc, where, args, from, to, bucketSeconds),
                topRoutes(jdbc, where, args), failingTargets(jdbc, where, args), sampled(jdbc, where, args));
    }

    private static List<TrafficStats.Bucket> buckets(JdbcTemplate jdbc, String where, Object[] args, Instant from,
                                                     Instant to, int bucketSeconds) {
        long first = Math.floorDiv(from.getEpochSecond(), bucketSeconds);
        long last = Math.floorDiv(to.getEpochSecond() - 1, bucketSeconds);
        int n = (int) (last - first + 1);
        long[][] byClass = new long[n][6];
        long[][] bins = new long[n][LatencyHistogram.BINS];
        String bucket = "CAST(FLOOR(EXTRACT(EPOCH FROM occurred_at) / " + bucketSeconds + ") AS BIGINT)";
        String bin = LatencyHistogram.binSql("latency_ms");
        jdbc.query("SELECT " + bucket + " AS b, status_class, " + bin + " AS lb, COUNT(*) FROM request_log" + where
                + " GROUP BY " + bucket + ", status_class, " + bin, rs -> {
                    int i = (int) (rs.getLong(1) - first);
                    if (i >= 0 && i < n) {
                        int statusClass = Math.max(0, Math.min(5, rs.getInt(2)));
                        long count = rs.getLong(4);
                        byClass[i][statusClass] += count;
                        bins[i][Math.max(0, Math.min(LatencyHistogram.BINS - 1, rs.getInt(3)))] += count;
                    }
                }, args);
        List<TrafficStats.Bucket> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long[] c = byClass[i];
            long total = c[0] + c[1] + c[2] + c[3] + c[4] + c[5];
            out.add(new TrafficStats.Bucket(Instant.ofEpochSecond((first + i) * bucketSeconds), total,
                    c[0] + c[1] + c[2] + c[3], c[4], c[5], LatencyHistogram.percentile(bins[i], 0.50),
                    LatencyHistogram.percentile(bins[i], 0.95), LatencyHistogram.percentile(bins[i], 0.99)));
        }
        return out;
    }

    private static List<TrafficStats.RouteTraffic> topRoutes(JdbcTemplate jdbc, String where, Object[] args) {
        return jdbc.query("SELECT tenant_slug, route, COUNT(*) AS n, SUM(CASE WHEN status_class = 5 THEN 1 ELSE 0 END),"
                        + " AVG(latency_ms) FROM request_log" + where + " AND route IS NOT NULL"
                        + " GROUP BY tenant_slug, route ORDER BY n DESC, tenant_slug, route LIMIT " + TOP,
                (rs, i) -> new TrafficStats.RouteTraffic(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        Math.round(rs.getDouble(5))), args);
    }

    private static final String FAILED = " AND (error_code IS NOT NULL OR status_class = 5) AND attempt_count > 0";

    private static List<TrafficStats.TargetFailures> failingTargets(JdbcTemplate jdbc, String where, Object[] args) {
        Map<String, long[]> failures = new LinkedHashMap<>();
        Map<String, String> lastCode = new LinkedHashMap<>();
        jdbc.query("SELECT attempts_json FROM request_log" + where + FAILED + " ORDER BY occurred_at DESC, id DESC"
                + " LIMIT " + FAILED_CALLS_SAMPLED, rs -> {
                    for (Attempt a : AttemptsJson.read(rs.getString(1))) {
                        if (a.target() != null && (a.errorCode() != null || a.status() >= 500)) {
                            failures.computeIfAbsent(a.target(), t -> new long[1])[0]++;
                            lastCode.putIfAbsent(a.target(), a.errorCode() != null ? a.errorCode() : "HTTP " + a.status());
                        }
                    }
                }, args);
        return failures.entrySet().stream()
                .sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]))
                .limit(TOP)
                .map(e -> new TrafficStats.TargetFailures(e.getKey(), e.getValue()[0], lastCode.get(e.getKey())))
                .toList();
    }

    private static int sampled(JdbcTemplate jdbc, String where, Object[] args) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT id FROM request_log" + where + FAILED + " LIMIT "
                + FAILED_CALLS_SAMPLED + ") s", Integer.class, args);
        return n == null ? 0 : n;
    }
}
