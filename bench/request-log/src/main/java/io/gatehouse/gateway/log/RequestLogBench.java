package io.gatehouse.gateway.log;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.gatehouse.common.PageCursor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Request log benchmark on an embedded H2 file database, as the product runs by default.
 * <ol>
 *   <li>Sustained rate: a paced producer offers records at a fixed rate for a while (rates stepped up); a rate is
 *       sustained when nothing is dropped and the backlog stays small. Then the writer's raw drain rate.</li>
 *   <li>Queries: seeds the log to {@code rows} calls (half of them in one tenant) and times the page query of the
 *       logs API ({@link RequestLogService#page}) for each filter: median and p95 of 30 runs.</li>
 * </ol>
 * Prints numbers; never fails on them. Arguments: {@code rows=1000000 seconds=10 rates=5000,10000,... dir=PATH
 * phase=all|queries|drain} ({@code phase=queries} with the {@code dir} of an earlier run times the queries again;
 * {@code phase=drain} measures only the writer's drain rate).
 */
public final class RequestLogBench {
    private static final String[] STATUSES = {"200", "200", "200", "200", "200", "200", "200", "200", "200", "200",
            "200", "200", "200", "200", "200", "200", "200", "404", "401", "502", "503", "504"};

    private RequestLogBench() {
    }

    public static void main(String[] args) throws Exception {
        long rows = Long.parseLong(arg(args, "rows", "1000000"));
        int seconds = Integer.parseInt(arg(args, "seconds", "10"));
        int[] rates = Arrays.stream(arg(args, "rates", "5000,10000,20000,30000,40000,60000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path dir = Path.of(arg(args, "dir", Files.createTempDirectory("gatehouse-log-bench").toString()));
        System.out.printf("request log benchmark: H2 file database in %s, %d CPUs, heap %d MB%n", dir,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);

        HikariConfig config = new HikariConfig();
        // OPTIMIZE_REUSE_RESULTS=FALSE: H2 would otherwise answer a repeated query on unchanged data from a cache,
        // which a live log never is; the timings below are real executions
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("gatehouse") + ";DB_CLOSE_ON_EXIT=FALSE;OPTIMIZE_REUSE_RESULTS=FALSE");
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(4);
        try (HikariDataSource db = new HikariDataSource(config)) {
            Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(db);
            for (int t = 0; t < 20 && jdbc.queryForObject("SELECT COUNT(*) FROM tenant", Long.class) < 20; t++) {
                jdbc.update("INSERT INTO tenant (slug, name, created_at, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP, "
                        + "CURRENT_TIMESTAMP)", tenant(t), "Bench " + t);
            }
            if (arg(args, "phase", "all").equals("drain")) {
                warmUp(db);
                drainRate(db);
                drainRate(db);
                return;
            }
            if (!arg(args, "phase", "all").equals("queries")) {
                warmUp(db);
                sustained(db, rates, seconds);
                drainRate(db);
            }
            seed(db, jdbc, rows);
            queries(jdbc);
        }
    }

    // --- 1. write throughput ------------------------------------------------------------------------------------

    private static void sustained(HikariDataSource db, int[] rates, int seconds) throws InterruptedException {
        System.out.println();
        System.out.println("sustained write rate (queue 50000, batch 500; sustained = 0 dropped and backlog < 1 s):");
        System.out.println("  target/s  offered/s  persisted/s  dropped  max backlog  backlog at end  sustained");
        SplittableRandom random = new SplittableRandom(1);
        int best = 0;
        for (int rate : rates) {
            RequestLogWriter writer = new RequestLogWriter(db, RequestLogSettings.defaults());
            writer.start();
            long total = (long) rate * seconds;
            long start = System.nanoTime();
            long persistedBefore = writer.counters().persisted();
            long maxBacklog = 0;
            Instant now = Instant.now();
            for (long i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 200_000) {
                    LockSupport.parkNanos(wait);
                    maxBacklog = Math.max(maxBacklog, writer.counters().queued());
                    now = Instant.now();
                }
                writer.accept(record(random, now, (int) (i % 20)));
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            RequestLogCounters end = writer.counters();
            double persistedRate = (end.persisted() - persistedBefore) / elapsed;
            boolean ok = end.dropped() == 0 && end.queued() < rate && maxBacklog < 50_000;
            writer.awaitDrained(Duration.ofMinutes(2));
            writer.stop();
            System.out.printf("  %8d  %9.0f  %11.0f  %7d  %11d  %14d  %s%n", rate, total / elapsed, persistedRate,
                    end.dropped(), maxBacklog, end.queued(), ok ? "yes" : "NO");
            if (ok) {
                best = rate;
            } else {
                break;
            }
        }
        System.out.printf("highest sustained rate with zero drops: %d records/s%n", best);
    }

    /** JIT and database warm-up: the first 100,000 records, not measured. */
    private static void warmUp(HikariDataSource db) throws InterruptedException {
        RequestLogWriter writer = new RequestLogWriter(db, new RequestLogSettings(100_000, 500, Duration.ofSeconds(5),
                Duration.ofSeconds(30)));
        writer.start();
        SplittableRandom random = new SplittableRandom(0);
        for (int i = 0; i < 100_000; i++) {
            writer.accept(record(random, Instant.now(), i % 20));
        }
        writer.awaitDrained(Duration.ofMinutes(5));
        writer.stop();
    }

    private static void drainRate(HikariDataSource db) throws InterruptedException {
        int n = 200_000;
        RequestLogWriter writer = new RequestLogWriter(db, new RequestLogSettings(n, 500, Duration.ofSeconds(5),
                Duration.ofSeconds(30)));
        SplittableRandom random = new SplittableRandom(2);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            writer.accept(record(random, now, i % 20));
        }
        long start = System.nanoTime();
        writer.start();
        writer.awaitDrained(Duration.ofMinutes(5));
        double elapsed = (System.nanoTime() - start) / 1e9;
        writer.stop();
        System.out.printf("writer drain rate (200000 queued records, batches of 500): %.0f records/s%n", n / elapsed);
    }

    static CallRecord record(SplittableRandom random, Instant at, int tenantIndex) {
        int status = Integer.parseInt(STATUSES[random.nextInt(STATUSES.length)]);
        String route = "r" + random.nextInt(10);
        // as the gateway makes them: 48 bits of milliseconds, then 80 random bits
        String requestId = String.format("%012x%016x%04x", System.currentTimeMillis(), random.nextLong(),
                random.nextInt(0x10000));
        List<Attempt> attempts = new ArrayList<>();
        int tries = status >= 502 ? 3 : 1;
        for (int a = 0; a < tries; a++) {
            boolean last = a == tries - 1;
            attempts.add(new Attempt("llm", "http://10.0.0." + (a + 1) + ":8080", at, 20 + a,
                    status >= 502 ? 0 : status, status >= 502 ? "upstream_connect_failed" : null,
                    last ? "gave up" : "connection refused; trying the next target in 100 ms"));
        }
        boolean refused = status == 404 || status == 401;
        return new CallRecord(requestId, at, tenant(tenantIndex), status == 404 ? null : route,
                refused ? null : "c" + random.nextInt(50), refused ? null : "BASIC", "POST",
                "/" + route + "/v1/chat/completions/" + random.nextInt(1000), "model=gpt&stream=false", status,
                status >= 502 ? "upstream_connect_failed" : status == 404 ? "route_not_found" : null, 25, 20,
                "10.1.2." + random.nextInt(255), 512, 2048, refused ? List.of() : attempts);
    }

    private static String tenant(int index) {
        return String.format("bench-%02d", index);
    }

    // --- 2. seed and query --------------------------------------------------------------------------------------

    private static void seed(HikariDataSource db, JdbcTemplate jdbc, long rows) throws InterruptedException {
        long have = calls(jdbc, "");
        System.out.println();
        System.out.printf("seeding %d rows (have %d) over the last 7 days, half of them in tenant bench-00...%n",
                rows - Math.min(rows, have), have);
        RequestLogWriter writer = new RequestLogWriter(db, new RequestLogSettings(100_000, 1000, Duration.ofSeconds(5),
                Duration.ofSeconds(60)));
        writer.start();
        SplittableRandom random = new SplittableRandom(3);
        Instant newest = Instant.now();
        long start = System.nanoTime();
        for (long i = have; i < rows; i++) {
            // oldest first, as a real log is written; 7 days spread evenly
            double f = (double) (i - have) / (rows - have);
            Instant at = newest.minus(Duration.ofDays(7)).plusMillis((long) (f * 7 * 86_400_000L));
            int tenant = random.nextBoolean() ? 0 : 1 + random.nextInt(19);
            writer.accept(record(random, at, tenant));
            if (writer.counters().queued() > 90_000) {
                while (writer.counters().queued() > 20_000) {
                    Thread.sleep(5);
                }
            }
        }
        writer.awaitDrained(Duration.ofMinutes(10));
        writer.stop();
        System.out.printf("seeded in %.1f s; table has %d rows, %d in bench-00%n", (System.nanoTime() - start) / 1e9,
                calls(jdbc, ""), calls(jdbc, " WHERE tenant_slug = 'bench-00'"));
        jdbc.execute("ANALYZE");
    }

    private static void queries(JdbcTemplate jdbc) {
        long tenantId = jdbc.queryForObject("SELECT id FROM tenant WHERE slug = 'bench-00'", Long.class);
        long oldBlock = jdbc.queryForObject("SELECT id FROM request_log_block WHERE tenant_id = ? "
                + "ORDER BY last_at_us LIMIT 1 OFFSET 25", Long.class, tenantId);
        String someRequestId = LogScan.rows(jdbc, oldBlock).get(7).requestId;
        Instant threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS);
        LogFilter newest = LogFilter.newest();
        String page2 = RequestLogService.page(jdbc, tenantId, newest).nextCursor();
        long tenantRows = calls(jdbc, " WHERE tenant_id = " + tenantId);
        String deepCursor = cursorAtOffset(jdbc, tenantId, (int) (tenantRows * 2 / 5));

        System.out.println();
        System.out.println("page query over the tenant's rows (limit 100 unless shown; median / p95 of 30 runs):");
        time(jdbc, tenantId, "newest page", newest);
        time(jdbc, tenantId, "second page (cursor)", newest.withCursor(page2));
        time(jdbc, tenantId, "cursor 40% deep into the tenant", newest.withCursor(deepCursor));
        time(jdbc, tenantId, "route=r3", LogFilter.parse("r3", null, null, null, null, null, null, null));
        time(jdbc, tenantId, "status=5xx", LogFilter.parse(null, "5xx", null, null, null, null, null, null));
        time(jdbc, tenantId, "status=502", LogFilter.parse(null, "502", null, null, null, null, null, null));
        time(jdbc, tenantId, "credential=c7", LogFilter.parse(null, null, "c7", null, null, null, null, null));
        time(jdbc, tenantId, "credential=nobody (no row matches)", LogFilter.parse(null, null, "nobody", null, null, null,
                null, null));
        time(jdbc, tenantId, "route=r3&status=404 (no row matches)", LogFilter.parse("r3", "404", null, null, null,
                null, null, null));
        time(jdbc, tenantId, "route=r3&status=5xx", LogFilter.parse("r3", "5xx", null, null, null, null, null, null));
        time(jdbc, tenantId, "from/to: one hour 3 days ago", LogFilter.parse(null, null, null,
                threeDaysAgo.toString(), threeDaysAgo.plus(1, ChronoUnit.HOURS).toString(), null, null, null));
        time(jdbc, tenantId, "status=5xx, 3 days ago", LogFilter.parse(null, "5xx", null, null,
                threeDaysAgo.toString(), null, null, null));
        time(jdbc, tenantId, "q=<request id>", LogFilter.parse(null, null, null, null, null, someRequestId, null, null));
        time(jdbc, tenantId, "q=completions/42 (path contains)", LogFilter.parse(null, null, null, null, null,
                "completions/42", null, null));
        time(jdbc, tenantId, "limit=1000", LogFilter.parse(null, null, null, null, null, null, "1000", null));

        System.out.println();
        System.out.println("dashboard aggregates (LogStatsService, median / p95 of 10 runs):");
        Instant now = Instant.now();
        stats(jdbc, tenantId, "tenant, last hour per minute", now.minus(1, ChronoUnit.HOURS), now, 60);
        stats(jdbc, tenantId, "tenant, last day per 15 min", now.minus(1, ChronoUnit.DAYS), now, 900);
        stats(jdbc, null, "all tenants, last day per 15 min", now.minus(1, ChronoUnit.DAYS), now, 900);
    }

    private static void stats(JdbcTemplate jdbc, Long tenantId, String label, Instant from, Instant to, int bucket) {
        long[] nanos = new long[10];
        long calls = 0;
        for (int i = -2; i < nanos.length; i++) {
            long start = System.nanoTime();
            TrafficStats stats = LogStatsService.compute(jdbc, tenantId, from, to, bucket);
            if (i >= 0) {
                nanos[i] = System.nanoTime() - start;
            }
            calls = stats.buckets().stream().mapToLong(TrafficStats.Bucket::requests).sum();
        }
        Arrays.sort(nanos);
        System.out.printf("  %-40s %7d calls  median %7.2f ms  p95 %7.2f ms%n", label, calls,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6);
    }

    private static String cursorAtOffset(JdbcTemplate jdbc, long tenantId, int offset) {
        long[] seen = new long[1];
        StoredRow[] at = new StoredRow[1];
        LogScan.newestFirst(jdbc, tenantId, LogMatch.all(), row -> {
            at[0] = row;
            return ++seen[0] <= offset;
        });
        return PageCursor.after(StoredRow.instant(at[0].micros), at[0].id()).encode(LogFilter.CURSOR_KIND);
    }

    private static long calls(JdbcTemplate jdbc, String where) {
        return jdbc.queryForObject("SELECT COALESCE(SUM(row_count), 0) FROM request_log_block" + where, Long.class);
    }

    private static void time(JdbcTemplate jdbc, long tenantId, String label, LogFilter filter) {
        for (int i = 0; i < 5; i++) {
            RequestLogService.page(jdbc, tenantId, filter);
        }
        long[] nanos = new long[30];
        int items = 0;
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            items = RequestLogService.page(jdbc, tenantId, filter).items().size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("  %-40s %4d rows  median %7.2f ms  p95 %7.2f ms%n", label, items,
                nanos[nanos.length / 2] / 1e6, nanos[(int) (nanos.length * 0.95)] / 1e6);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return fallback;
    }

}
