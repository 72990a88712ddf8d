package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@link LogStatsService#compute} over many calls written in many overlapping blocks, against a count of the same
 * calls done by brute force: per bucket the requests by status class and the latency percentiles, the top routes and
 * the failing targets. Blocks that fit one bucket are counted from their summaries, the others call by call.
 */
class LogStatsOverBlocksTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private static final long WINDOW_SECONDS = 2 * 3600;
    private static final int[] STATUSES = {101, 200, 204, 301, 400, 404, 429, 500, 502, 504};
    private static final String[] SLUGS = {"acme", "acme", "beta", "ghost"};
    private static final String[] ROUTES = {"echo", "users", "orders", "search", null};

    private final TestDatabase db = new TestDatabase();
    private final JdbcTemplate jdbc = new JdbcTemplate(db);
    private final List<CallRecord> calls = new ArrayList<>();

    @Test
    void bucketCountsPercentilesAndTopRoutesMatchABruteForceCount() {
        db.tenant("acme");
        db.tenant("beta");
        Random random = new Random(5);
        for (int batch = 0; batch < 12; batch++) {
            long start = random.nextLong(WINDOW_SECONDS * 1_000_000L);
            long width = List.of(1_000_000L, 300_000_000L, WINDOW_SECONDS * 1_000_000L).get(random.nextInt(3));
            List<CallRecord> batchCalls = new ArrayList<>();
            for (int i = 0, n = 50 + random.nextInt(400); i < n; i++) {
                long micros = StoredRow.micros(T0) + (start + random.nextLong(width)) % (WINDOW_SECONDS * 1_000_000L);
                int status = STATUSES[random.nextInt(STATUSES.length)];
                String target = "http://t" + random.nextInt(4) + ":80";
                boolean gatewayMade = status >= 502 && random.nextBoolean();
                List<Attempt> attempts = status == 404 ? List.of() : List.of(new Attempt("p", target,
                        StoredRow.instant(micros), 5, gatewayMade ? 0 : status, gatewayMade ? "upstream_timeout" : null,
                        "x"));
                CallRecord c = new CallRecord("r" + calls.size(), StoredRow.instant(micros),
                        SLUGS[random.nextInt(SLUGS.length)], ROUTES[random.nextInt(ROUTES.length)], null, null, "GET",
                        "/", null, status, gatewayMade ? "upstream_timeout" : null, random.nextInt(3_000), 0, null, 0,
                        0, attempts);
                calls.add(c);
                batchCalls.add(c);
            }
            db.insert(batchCalls);
        }
        long acme = jdbc.queryForObject("SELECT id FROM tenant WHERE slug = 'acme'", Long.class);

        for (int i = 0; i < 30; i++) {
            int bucketSeconds = List.of(1, 7, 60, 300, 3600).get(random.nextInt(5));
            Instant from = T0.plusSeconds(random.nextLong(WINDOW_SECONDS) - 600);
            Instant to = from.plusSeconds(1 + random.nextLong(Math.min(WINDOW_SECONDS, 1_400L * bucketSeconds)));
            String slug = random.nextBoolean() ? "acme" : null;

            TrafficStats stats = LogStatsService.compute(jdbc, slug == null ? null : acme, from, to, bucketSeconds);

            String what = (slug == null ? "all tenants" : slug) + " " + from + ".." + to + " by " + bucketSeconds;
            assertThat(stats.buckets()).as(what).isEqualTo(bruteForceBuckets(slug, from, to, bucketSeconds));
            assertThat(stats.topRoutes()).as(what).isEqualTo(bruteForceTopRoutes(slug, from, to));
            List<CallRecord> failed = inWindow(slug, from, to).stream()
                    .filter(c -> (c.errorCode() != null || c.status() / 100 == 5) && !c.attempts().isEmpty()).toList();
            assertThat(stats.failingTargetsSampled()).as(what).isEqualTo(failed.size());
            assertThat(stats.failingTargets()).as(what).containsExactlyInAnyOrderElementsOf(bruteForceFailing(failed));
        }
    }

    @Test
    void aBlockWithinOneBucketWithoutFailedCallsIsCountedFromItsSummaryWithoutReadingItsCalls() {
        db.tenant("acme");
        List<CallRecord> oneMinute = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            oneMinute.add(new CallRecord("s" + i, T0.plusMillis(100L * i), "acme", "echo", null, null, "GET", "/",
                    null, i % 3 == 0 ? 404 : 200, null, 7, 0, null, 0, 0, List.of()));
        }
        db.insert(oneMinute);
        long acme = jdbc.queryForObject("SELECT id FROM tenant WHERE slug = 'acme'", Long.class);
        // the calls themselves are gone: only a count from the summary can still see them
        db.execute("DELETE FROM request_log_block_rows");

        TrafficStats hourly = LogStatsService.compute(jdbc, acme, T0, T0.plusSeconds(3600), 3600);
        TrafficStats perSecond = LogStatsService.compute(jdbc, acme, T0, T0.plusSeconds(60), 1);

        assertThat(hourly.buckets()).singleElement().satisfies(b -> {
            assertThat(b.requests()).isEqualTo(300);
            assertThat(b.ok()).isEqualTo(200);
            assertThat(b.clientErrors()).isEqualTo(100);
        });
        assertThat(hourly.topRoutes()).containsExactly(new TrafficStats.RouteTraffic("acme", "echo", 300, 0, 7));
        // spread over many buckets, the block has to be read call by call: nothing is left to count
        assertThat(perSecond.buckets()).allSatisfy(b -> assertThat(b.requests()).isZero());
    }

    /** Per target its failed attempts, and the outcome of the newest one (calls newest first). */
    private static List<TrafficStats.TargetFailures> bruteForceFailing(List<CallRecord> failed) {
        Map<String, Long> byTarget = new HashMap<>();
        Map<String, String> lastCode = new HashMap<>();
        failed.stream().sorted(Comparator.comparing(CallRecord::timestamp).reversed()).forEach(c -> {
            for (Attempt a : c.attempts()) {
                if (a.target() != null && (a.errorCode() != null || a.status() >= 500)) {
                    byTarget.merge(a.target(), 1L, Long::sum);
                    lastCode.putIfAbsent(a.target(), a.errorCode() != null ? a.errorCode() : "HTTP " + a.status());
                }
            }
        });
        return byTarget.entrySet().stream()
                .map(e -> new TrafficStats.TargetFailures(e.getKey(), e.getValue(), lastCode.get(e.getKey())))
                .toList();
    }

    private List<CallRecord> inWindow(String slug, Instant from, Instant to) {
        return calls.stream()
                .filter(c -> slug == null || slug.equals(c.tenant()))
                .filter(c -> !c.timestamp().isBefore(from) && c.timestamp().isBefore(to))
                .toList();
    }

    private List<TrafficStats.Bucket> bruteForceBuckets(String slug, Instant from, Instant to, int bucketSeconds) {
        long first = Math.floorDiv(from.getEpochSecond(), bucketSeconds);
        int n = (int) (Math.floorDiv(to.getEpochSecond() - 1, bucketSeconds) - first + 1);
        long[][] classes = new long[n][6];
        long[][] bins = new long[n][LatencyHistogram.BINS];
        for (CallRecord c : inWindow(slug, from, to)) {
            int b = (int) (Math.floorDiv(c.timestamp().getEpochSecond(), bucketSeconds) - first);
            classes[b][Math.min(5, c.status() / 100)]++;
            bins[b][LatencyHistogram.binOf(c.latencyMs())]++;
        }
        List<TrafficStats.Bucket> buckets = new ArrayList<>();
        for (int b = 0; b < n; b++) {
            long[] k = classes[b];
            buckets.add(new TrafficStats.Bucket(Instant.ofEpochSecond((first + b) * bucketSeconds),
                    Arrays.stream(k).sum(), k[0] + k[1] + k[2] + k[3], k[4], k[5],
                    LatencyHistogram.percentile(bins[b], 0.50), LatencyHistogram.percentile(bins[b], 0.95),
                    LatencyHistogram.percentile(bins[b], 0.99)));
        }
        return buckets;
    }

    private List<TrafficStats.RouteTraffic> bruteForceTopRoutes(String slug, Instant from, Instant to) {
        Map<List<String>, List<CallRecord>> byRoute = new HashMap<>();
        for (CallRecord c : inWindow(slug, from, to)) {
            if (c.route() != null) {
                byRoute.computeIfAbsent(Arrays.asList(c.tenant(), c.route()), k -> new ArrayList<>()).add(c);
            }
        }
        return byRoute.entrySet().stream()
                .sorted(Comparator.<Map.Entry<List<String>, List<CallRecord>>>comparingInt(e -> -e.getValue().size())
                        .thenComparing(e -> e.getKey().get(0))
                        .thenComparing(e -> e.getKey().get(1)))
                .limit(LogStatsService.TOP)
                .map(e -> new TrafficStats.RouteTraffic(e.getKey().get(0), e.getKey().get(1), e.getValue().size(),
                        e.getValue().stream().filter(c -> c.status() >= 500).count(),
                        Math.round(e.getValue().stream().mapToLong(CallRecord::latencyMs).average().orElse(0))))
                .toList();
    }
}
