package io.gatehouse.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.gateway.log.RequestLogRetention;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.gateway.log.RequestLogSettings;
import io.gatehouse.gateway.log.RequestLogWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The request log on PostgreSQL: V4 to V7 migrate, the writer's blocks (bytea) land with their tenant ids, and the
 * service's filters, keyset paging across blocks, CSV export and retention run unchanged. Skipped when PostgreSQL does not answer, unless GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true.
 */
@EnabledIf(value = "io.gatehouse.persistence.ExternalPostgres#available",
        disabledReason = "PostgreSQL at 127.0.0.1:5432 (or GATEHOUSE_TEST_POSTGRES_URL) does not answer")
class PostgresRequestLogTest extends FreshPostgresSchema {
    @Autowired
    TenantService tenants;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestLogService logs;

    @Autowired
    RequestLogRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    io.gatehouse.gateway.log.LogStatsService stats;

    private static String slug() {
        return "pg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static CallRecord call(String tenant, Instant at, String route, int status, String credential, String id) {
        return new CallRecord(id, at, tenant, route, credential, credential == null ? null : "AKSK", "POST",
                "/v1/" + id, "a=1", status, status >= 500 ? "upstream_timeout" : null, 7, 3, "10.0.0.1", 12, 34,
                List.of(new Attempt("llm", "http://10.0.0.2:80", at, 3, status, null, "answered")));
    }

    private void drain() throws InterruptedException {
        assertThat(writer.awaitDrained(Duration.ofSeconds(30))).as("drained: %s", writer.counters()).isTrue();
    }

    @Test
    void theRequestLogRoundTripsOnPostgres() throws Exception {
        String tenant = slug();
        String other = slug();
        tenants.create(tenant, "Logs");
        tenants.create(other, "Other");
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).plusNanos(123_456);
        for (int i = 0; i < 300; i++) {
            writer.accept(call(tenant, t0.plusMillis(i / 3), i % 2 == 0 ? "even" : "odd", i % 5 == 0 ? 504 : 200,
                    i % 3 == 0 ? "cred-3" : null, String.format("pg-req-%05d", i)));
        }
        writer.accept(call(other, t0, "even", 200, null, "pg-other-1"));
        writer.accept(call("no-such-" + tenant, t0, null, 404, null, "pg-unknown-1"));
        drain();

        assertThat(jdbc.queryForObject("SELECT SUM(row_count) FROM request_log_block WHERE tenant_slug = ?", Long.class,
                tenant)).isEqualTo(300);
        assertThat(jdbc.queryForObject("SELECT SUM(row_count) FROM request_log_block WHERE tenant_id IS NULL AND "
                + "tenant_slug = ?", Long.class, "no-such-" + tenant)).isEqualTo(1);

        List<String> all = new ArrayList<>();
        LogFilter filter = LogFilter.newest().withLimit(70);
        LogPage page;
        do {
            page = logs.list(tenant, filter);
            page.items().forEach(e -> all.add(e.requestId()));
            filter = filter.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(all).hasSize(300).doesNotHaveDuplicates().doesNotContain("pg-other-1");
        assertThat(all.get(0)).isEqualTo("pg-req-00299");

        LogPage slow = logs.list(tenant, LogFilter.parse("even", "5xx", "cred-3", t0.toString(), null, null, "1000", null));
        assertThat(slow.items()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.route()).isEqualTo("even");
            assertThat(e.status()).isEqualTo(504);
            assertThat(e.credentialId()).isEqualTo("cred-3");
        });
        assertThat(slow.items()).hasSize(10); // i divisible by 2, 3 and 5 below 300
        assertThat(logs.list(tenant, LogFilter.parse(null, "504", null, null, null, null, null, null)).items()).hasSize(60);
        assertThat(logs.list(tenant, LogFilter.parse(null, null, null, null, null, "pg-req-0004", "1000", null)).items())
                .extracting(LogEntry::requestId).containsExactly("pg-req-00049", "pg-req-00048", "pg-req-00047",
                        "pg-req-00046", "pg-req-00045", "pg-req-00044", "pg-req-00043", "pg-req-00042",
                        "pg-req-00041", "pg-req-00040");

        LogEntry one = logs.findByRequestId(tenant, "pg-req-00007").orElseThrow();
        assertThat(one.timestamp()).isEqualTo(t0.plusMillis(2).truncatedTo(ChronoUnit.MICROS));
        assertThat(one.attempts()).hasSize(1);
        assertThat(one.attempts().get(0).target()).isEqualTo("http://10.0.0.2:80");
        assertThat(logs.find(tenant, one.id())).contains(one);
        assertThat(logs.find(other, one.id())).isEmpty();
        assertThat(logs.findByRequestId(other, "pg-req-00007")).isEmpty();
        assertThatThrownBy(() -> logs.list("no-such-" + tenant, LogFilter.newest())).isInstanceOf(NotFoundException.class);

        StringWriter csv = new StringWriter();
        long rows = logs.export(tenant, LogFilter.parse(null, "5xx", null, null, null, null, null, null)).writeTo(csv);
        assertThat(rows).isEqualTo(60);
        assertThat(csv.toString().split("\r\n")).hasSize(61);
        assertThat(csv.toString()).doesNotContain("pg-other-1");

        // The dashboard's aggregation (time buckets, status classes, latency bins) runs on PostgreSQL too.
        var traffic = stats.stats(tenant, t0.minus(1, ChronoUnit.MINUTES), t0.plus(5, ChronoUnit.MINUTES), 60);
        assertThat(traffic.buckets().stream().mapToLong(b -> b.requests()).sum()).isEqualTo(300);
        assertThat(traffic.buckets().stream().mapToLong(b -> b.serverErrors()).sum()).isEqualTo(60);
        assertThat(traffic.topRoutes()).extracting(r -> r.route()).containsExactlyInAnyOrder("even", "odd");

        writer.accept(call(tenant, Instant.now().minus(40, ChronoUnit.DAYS), "even", 200, null, "pg-ancient"));
        drain();
        assertThat(retention.purgeOlderThan(Instant.now().minus(30, ChronoUnit.DAYS))).isEqualTo(1);
        assertThat(logs.findByRequestId(tenant, "pg-ancient")).isEmpty();
        assertThat(writer.counters().dropped()).isZero();
    }

    @Test
    void callsLoggedOneRowEachBeforeBlocksAreMovedIntoBlocksOnPostgres() throws Exception {
        String tenant = slug();
        tenants.create(tenant, "Legacy");
        long tenantId = jdbc.queryForObject("SELECT id FROM tenant WHERE slug = ?", Long.class, tenant);
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS);
        for (int i = 0; i < 5; i++) {
            jdbc.update("INSERT INTO request_log (request_id, occurred_at, tenant_id, tenant_slug, route, credential_id,"
                    + " credential_type, method, path, query, status, status_class, error_code, latency_ms,"
                    + " upstream_latency_ms, client_ip, bytes_in, bytes_out, attempt_count, attempts_json)"
                    + " VALUES (?, ?, ?, ?, 'old', NULL, NULL, 'GET', ?, NULL, 502, 5, 'upstream_reset', 9, 0,"
                    + " '10.0.0.9', 0, 0, 1, ?)", "pg-legacy-" + i,
                    OffsetDateTime.ofInstant(t0.plusSeconds(i), ZoneOffset.UTC), tenantId, tenant,
                    "/old/" + i, "[{\"provider\":\"p\",\"target\":\"http://10.0.0.9:80\",\"startedAt\":null,"
                            + "\"latencyMs\":9,\"status\":0,\"errorCode\":\"upstream_reset\",\"decision\":\"gave up\"}]");
        }

        // a writer moves rows of the old table into blocks when its thread starts (as after an upgrade)
        RequestLogWriter upgraded = new RequestLogWriter(dataSource, RequestLogSettings.defaults());
        upgraded.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                    jdbc.queryForObject("SELECT COUNT(*) FROM request_log", Long.class) == 0);
        } finally {
            upgraded.stop();
        }

        List<LogEntry> moved = logs.list(tenant, LogFilter.newest()).items();
        assertThat(moved).extracting(LogEntry::requestId).containsExactly("pg-legacy-4", "pg-legacy-3", "pg-legacy-2",
                "pg-legacy-1", "pg-legacy-0");
        assertThat(moved.get(0).timestamp()).isEqualTo(t0.plusSeconds(4));
        assertThat(moved.get(0).errorCode()).isEqualTo("upstream_reset");
        assertThat(moved.get(0).attempts()).singleElement()
                .satisfies(a -> assertThat(a.target()).isEqualTo("http://10.0.0.9:80"));
    }
}
