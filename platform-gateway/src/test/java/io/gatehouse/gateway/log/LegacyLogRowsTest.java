package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Calls logged before blocks existed, one {@code request_log} row each (migrations V4 and V6), moved into blocks by
 * {@link LegacyLogRows}: every call keeps its fields and the tenant id it was stored with, and the old table ends
 * empty.
 */
class LegacyLogRowsTest {
    private static final Instant T0 = Instant.parse("2026-11-20T07:00:00Z");
    private static final String INSERT = "INSERT INTO request_log (request_id, occurred_at, tenant_id, tenant_slug, "
            + "route, credential_id, credential_type, method, path, query, status, status_class, error_code, "
            + "latency_ms, upstream_latency_ms, client_ip, bytes_in, bytes_out, attempt_count, attempts_json, "
            + "route_key, credential_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String HAND_WRITTEN_ATTEMPTS = "[{\"provider\":\"prov-Ω\",\"target\":\"http://a:1\","
            + "\"startedAt\":\"2026-11-20T07:00:00.123456Z\",\"latencyMs\":12,\"status\":503,\"errorCode\":null,"
            + "\"decision\":\"upstream answered 503; trying \\\"b\\\" in 80 ms\"},{\"provider\":\"prov\","
            + "\"target\":\"http://b:1\",\"startedAt\":null,\"latencyMs\":-1,\"status\":0,"
            + "\"errorCode\":\"upstream_timeout\",\"decision\":null}]";

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private final Map<String, Long> tenantIds = new HashMap<>();

    /** A legacy row as written: its tenant id, its attempt count, and the call the log API should show. */
    private record Legacy(Long tenantId, int attemptCount, String attemptsJson, LogEntry call) {
    }

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
        jdbc = new JdbcTemplate(db);
        for (String slug : List.of("acme", "beta", "reborn")) {
            db.tenant(slug);
            tenantIds.put(slug, tenantId(slug));
        }
    }

    private long tenantId(String slug) {
        return jdbc.queryForObject("SELECT id FROM tenant WHERE slug = ?", Long.class, slug);
    }

    private void store(List<Legacy> rows) {
        jdbc.batchUpdate(INSERT, rows, 500, (ps, row) -> {
            LogEntry c = row.call();
            ps.setString(1, c.requestId());
            ps.setObject(2, OffsetDateTime.ofInstant(c.timestamp(), ZoneOffset.UTC));
            ps.setObject(3, row.tenantId());
            ps.setString(4, c.tenant());
            ps.setString(5, c.route());
            ps.setString(6, c.credentialId());
            ps.setString(7, c.credentialType());
            ps.setString(8, c.method());
            ps.setString(9, c.path());
            ps.setString(10, c.query());
            ps.setInt(11, c.status());
            ps.setInt(12, c.status() / 100);
            ps.setString(13, c.errorCode());
            ps.setLong(14, c.latencyMs());
            ps.setLong(15, c.upstreamLatencyMs());
            ps.setString(16, c.clientIp());
            ps.setLong(17, c.bytesIn());
            ps.setLong(18, c.bytesOut());
            ps.setInt(19, row.attemptCount());
            ps.setString(20, row.attemptsJson());
            ps.setObject(21, c.route() == null ? null : c.route().hashCode());
            ps.setObject(22, c.credentialId() == null ? null : c.credentialId().hashCode());
        });
    }

    private static Legacy legacy(Long tenantId, String slug, int serial, Instant at, Random random) {
        String route = random.nextInt(5) == 0 ? null : "route-" + random.nextInt(3);
        String credential = random.nextInt(4) == 0 ? null : "cred-" + random.nextInt(4);
        int status = List.of(200, 204, 404, 429, 502, 503).get(random.nextInt(6));
        List<Attempt> attempts = IntStream.range(0, random.nextInt(3))
                .mapToObj(a -> new Attempt("p" + a, "http://t" + a + ":80", at.plusMillis(a), a * 10L, status,
                        status >= 500 ? "upstream_error" : null, "attempt " + a))
                .toList();
        LogEntry call = new LogEntry(0, "legacy-" + serial, at, slug, route, credential,
                credential == null ? null : "API_KEY", "POST", "/v1/things/" + serial, serial % 2 == 0 ? null : "a=1",
                status, status >= 500 ? "upstream_error" : null, random.nextInt(1000), random.nextInt(500),
                "10.0.0." + serial % 256, serial, serial * 2L, attempts);
        return new Legacy(tenantId, attempts.size(), AttemptsJson.write(attempts, StoredRow.MAX_ATTEMPTS_STORED), call);
    }

    private static Instant randomTime(Random random) {
        return StoredRow.instant(StoredRow.micros(T0) + random.nextLong(3_600_000_000L));
    }

    /** The usual mix: known tenants, an unknown slug and calls without one, in random time order. */
    private List<Legacy> mixedRows(int count, Random random) {
        List<Legacy> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int pick = random.nextInt(10);
            String slug = pick < 5 ? "acme" : pick < 8 ? "beta" : pick < 9 ? "ghost" : null;
            Long tenantId = slug == null || slug.equals("ghost") ? null : tenantIds.get(slug);
            rows.add(legacy(tenantId, slug, i, randomTime(random), random));
        }
        return rows;
    }

    private List<Integer> moveAll() throws SQLException {
        List<Integer> moved = new ArrayList<>();
        int n;
        do {
            n = LegacyLogRows.moveChunk(db);
            moved.add(n);
        } while (n > 0 && moved.size() < 100);
        return moved;
    }

    private List<LogEntry> pagesOf(long tenantId) {
        List<LogEntry> all = new ArrayList<>();
        String cursor = null;
        do {
            LogFilter filter = LogFilter.newest().withLimit(1000).withCursor(cursor);
            LogPage page = RequestLogService.page(jdbc, tenantId, filter);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    private Map<String, StoredRow> everyStoredCall() {
        Map<String, StoredRow> byRequestId = new HashMap<>();
        LogScan.newestFirst(jdbc, null, LogMatch.all(), row -> byRequestId.put(row.requestId, row) == null);
        return byRequestId;
    }

    /** The same calls, field by field, whatever their ids and order. */
    private static void assertSameCalls(List<LogEntry> actual, List<Legacy> expected) {
        assertThat(byRequestIdWithoutId(actual)).containsExactlyElementsOf(
                byRequestIdWithoutId(expected.stream().map(Legacy::call).toList()));
    }

    private static List<LogEntry> byRequestIdWithoutId(List<LogEntry> entries) {
        return entries.stream().map(LegacyLogRowsTest::withoutId)
                .sorted(Comparator.comparing(LogEntry::requestId)).toList();
    }

    private long legacyRowsLeft() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_log", Long.class);
    }

    @Test
    void everyLegacyRowMovesInChunksIntoBlocksWithItsFieldsAndTenantId() throws SQLException {
        Random random = new Random(7);
        List<Legacy> rows = mixedRows(2 * LegacyLogRows.CHUNK + 500, random);
        store(rows);

        List<Integer> moved = moveAll();

        assertThat(moved).containsExactly(LegacyLogRows.CHUNK, LegacyLogRows.CHUNK, 500, 0);
        assertThat(legacyRowsLeft()).isZero();
        assertThat(db.count("")).isEqualTo(rows.size());
        for (String slug : List.of("acme", "beta")) {
            long id = tenantIds.get(slug);
            assertSameCalls(pagesOf(id), rows.stream().filter(r -> Long.valueOf(id).equals(r.tenantId())).toList());
        }
        Map<String, StoredRow> stored = everyStoredCall();
        assertThat(stored).hasSize(rows.size());
        for (Legacy row : rows) {
            StoredRow s = stored.get(row.call().requestId());
            assertThat(withoutId(s.toEntry())).isEqualTo(row.call());
            assertThat(s.attemptCount).isEqualTo(row.attemptCount());
        }
        assertThat(db.count("tenant_id IS NULL")).isEqualTo(
                rows.stream().filter(r -> r.tenantId() == null).count());
        assertThat(db.count("tenant_id IS NULL AND tenant_slug = 'ghost'")).isEqualTo(
                rows.stream().filter(r -> "ghost".equals(r.call().tenant())).count());
    }

    @Test
    void aRowKeepsTheTenantIdItWasStoredWithEvenWhenItsSlugNowBelongsToAnotherTenant() throws SQLException {
        long firstId = tenantIds.get("reborn");
        Random random = new Random(8);
        List<Legacy> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(legacy(firstId, "reborn", i, randomTime(random), random));
        }
        store(rows);
        db.execute("DELETE FROM tenant WHERE slug = 'reborn'");
        db.tenant("reborn");
        long secondId = tenantId("reborn");

        moveAll();

        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(pagesOf(secondId)).isEmpty();
        assertSameCalls(pagesOf(firstId), rows);
    }

    @Test
    void attemptsBeyondFiftyAreCountedAndUnreadableAttemptsBecomeNone() throws SQLException {
        long acme = tenantIds.get("acme");
        Random random = new Random(9);
        Legacy handWritten = legacy(acme, "acme", 1, T0, random);
        handWritten = new Legacy(acme, 2, HAND_WRITTEN_ATTEMPTS, withAttempts(handWritten.call(), List.of(
                new Attempt("prov-Ω", "http://a:1", Instant.parse("2026-11-20T07:00:00.123456Z"), 12, 503, null,
                        "upstream answered 503; trying \"b\" in 80 ms"),
                new Attempt("prov", "http://b:1", null, -1, 0, "upstream_timeout", null))));
        Legacy many = legacy(acme, "acme", 2, T0.plusSeconds(1), random);
        List<Attempt> fifty = IntStream.range(0, StoredRow.MAX_ATTEMPTS_STORED)
                .mapToObj(a -> new Attempt("p", "http://t:" + a, T0, a, 502, "upstream_error", "retry"))
                .toList();
        many = new Legacy(acme, 73, AttemptsJson.write(fifty, StoredRow.MAX_ATTEMPTS_STORED),
                withAttempts(many.call(), fifty));
        Legacy unreadable = legacy(acme, "acme", 3, T0.plusSeconds(2), random);
        unreadable = new Legacy(acme, 1, "{oops", withAttempts(unreadable.call(), List.of()));
        store(List.of(handWritten, many, unreadable));

        moveAll();

        assertSameCalls(pagesOf(acme), List.of(handWritten, many, unreadable));
        Map<String, StoredRow> stored = everyStoredCall();
        assertThat(stored.get("legacy-2").attemptCount).isEqualTo(73);
        assertThat(stored.get("legacy-2").attempts()).hasSize(50);
        assertThat(stored.get("legacy-3").attemptCount).isEqualTo(1);
    }

    @Test
    void aChunkOfWhichOneBlockCannotBeWrittenStaysInTheOldTableWhole() throws SQLException {
        List<Legacy> rows = mixedRows(120, new Random(10));
        store(rows);
        db.execute("ALTER TABLE request_log_block ADD CONSTRAINT refuse_ghost CHECK (tenant_slug <> 'ghost')");

        assertThatThrownBy(() -> LegacyLogRows.moveChunk(db)).isInstanceOf(SQLException.class);

        assertThat(legacyRowsLeft()).isEqualTo(120);
        assertThat(db.count("")).as("blocks of the other slugs were written, then rolled back").isZero();
        db.execute("ALTER TABLE request_log_block DROP CONSTRAINT refuse_ghost");
        assertThat(moveAll()).containsExactly(120, 0);
        assertThat(db.count("")).isEqualTo(120);
        assertThat(legacyRowsLeft()).isZero();
    }

    private static LogEntry withAttempts(LogEntry e, List<Attempt> attempts) {
        return copy(e, e.id(), attempts);
    }

    private static LogEntry withoutId(LogEntry e) {
        return copy(e, 0, e.attempts());
    }

    private static LogEntry copy(LogEntry e, long id, List<Attempt> attempts) {
        return new LogEntry(id, e.requestId(), e.timestamp(), e.tenant(), e.route(), e.credentialId(),
                e.credentialType(), e.method(), e.path(), e.query(), e.status(), e.errorCode(), e.latencyMs(),
                e.upstreamLatencyMs(), e.clientIp(), e.bytesIn(), e.bytesOut(), attempts);
    }
}
