package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class LogStatsServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private TestDatabase db;
    private JdbcTemplate jdbc;

    @BeforeEach
    void seed() {
        db = new TestDatabase();
        db.tenant("acme");
        db.tenant("other");
        jdbc = new JdbcTemplate(db);
        List<CallRecord> rows = new ArrayList<>();
        // minute 0: 10 OK calls of 10..19 ms on route echo
        for (int i = 0; i < 10; i++) {
            rows.add(call("acme", "echo", T0.plusSeconds(i), 200, null, 10 + i, "http://good:1"));
        }
        // minute 2: 3 refused calls (2 attempts each) on route down, 1 not-found
        for (int i = 0; i < 3; i++) {
            rows.add(call("acme", "down", T0.plusSeconds(120 + i), 502, "upstream_connect_failed", 3000, "http://bad:9"));
        }
        rows.add(new CallRecord("nf", T0.plusSeconds(125), "acme", null, null, null, "GET", "/nope", null, 404,
                "route_not_found", 1, 0, "127.0.0.1", 0, 0, List.of()));
        // another tenant, and a call outside the window
        rows.add(call("other", "echo", T0.plusSeconds(30), 200, null, 5, "http://x:1"));
        rows.add(call("acme", "echo", T0.minusSeconds(1), 200, null, 5, "http://x:1"));
        db.insert(rows);
    }

    private static CallRecord call(String tenant, String route, Instant at, int status, String code, long latency,
                                   String target) {
        List<Attempt> attempts = code == null
                ? List.of(new Attempt(route, target, at, latency, status, null, "answered"))
                : List.of(new Attempt(route, target, at, latency / 2, 0, code, "connect-failure; trying again"),
                new Attempt(route, target, at.plusMillis(latency / 2), latency / 2, 0, code, "no attempts left"));
        return new CallRecord("r-" + at.toEpochMilli(), at, tenant, route, null, null, "GET", "/" + route, null, status,
                code, latency, 0, "127.0.0.1", 0, 10, attempts);
    }

    private long tenantId(String slug) {
        return jdbc.queryForObject("SELECT id FROM tenant WHERE slug = ?", Long.class, slug);
    }

    @Test
    void callsAreCountedPerMinuteByStatusClassWithEmptyMinutesIncluded() {
        TrafficStats stats = LogStatsService.compute(jdbc, tenantId("acme"), T0, T0.plusSeconds(300), 60);

        assertThat(stats.buckets()).hasSize(5);
        assertThat(stats.buckets()).extracting(TrafficStats.Bucket::requests).containsExactly(10L, 0L, 4L, 0L, 0L);
        TrafficStats.Bucket failing = stats.buckets().get(2);
        assertThat(failing.start()).isEqualTo(T0.plusSeconds(120));
        assertThat(failing.serverErrors()).isEqualTo(3);
        assertThat(failing.clientErrors()).isEqualTo(1);
        assertThat(stats.buckets().get(0).ok()).isEqualTo(10);
    }

    @Test
    void percentilesComeFromTheLatencyHistogramAndStayInsideTheObservedBin() {
        TrafficStats.Bucket first = LogStatsService.compute(jdbc, tenantId("acme"), T0, T0.plusSeconds(60), 60)
                .buckets().get(0);

        assertThat(first.p50Ms()).isBetween(10L, 20L);
        assertThat(first.p95Ms()).isBetween(first.p50Ms(), 20L);
        assertThat(first.p99Ms()).isBetween(first.p95Ms(), 20L);
    }

    @Test
    void topRoutesAndFailingTargetsAreScopedToTheTenantOrSpanAllTenants() {
        TrafficStats acme = LogStatsService.compute(jdbc, tenantId("acme"), T0, T0.plusSeconds(300), 60);
        TrafficStats all = LogStatsService.compute(jdbc, null, T0, T0.plusSeconds(300), 60);

        assertThat(acme.topRoutes()).extracting(TrafficStats.RouteTraffic::route).containsExactly("echo", "down");
        assertThat(acme.topRoutes().get(1).serverErrors()).isEqualTo(3);
        assertThat(acme.failingTargets()).singleElement().satisfies(t -> {
            assertThat(t.target()).isEqualTo("http://bad:9");
            assertThat(t.failedAttempts()).isEqualTo(6);
            assertThat(t.lastErrorCode()).isEqualTo("upstream_connect_failed");
        });
        assertThat(acme.failingTargetsSampled()).isEqualTo(3);
        assertThat(all.topRoutes()).extracting(r -> r.tenant() + "/" + r.route())
                .containsExactly("acme/echo", "acme/down", "other/echo");
        assertThat(all.buckets().get(0).requests()).isEqualTo(11);
    }

    @Test
    void largerBucketsAddUpAndTooManyBucketsAreRefused() {
        TrafficStats stats = LogStatsService.compute(jdbc, tenantId("acme"), T0, T0.plusSeconds(900), 900);

        assertThat(stats.buckets()).singleElement().extracting(TrafficStats.Bucket::requests).isEqualTo(14L);
        assertThatThrownBy(() -> LogStatsService.compute(jdbc, null, T0, T0.plusSeconds(86_400), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void histogramBinsAndPercentilesAreConsistent() {
        assertThat(LatencyHistogram.binOf(0)).isZero();
        assertThat(LatencyHistogram.binOf(15)).isEqualTo(4);
        assertThat(LatencyHistogram.binOf(100_000)).isEqualTo(LatencyHistogram.BINS - 1);
        long[] counts = new long[LatencyHistogram.BINS];
        counts[LatencyHistogram.binOf(150)] = 100;
        assertThat(LatencyHistogram.percentile(counts, 0.5)).isEqualTo(150);
        assertThat(LatencyHistogram.percentile(new long[LatencyHistogram.BINS], 0.99)).isZero();
    }
}
