package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** How one batch of calls is cut into {@code request_log_block} rows, and whose calls a block is read as. */
class LogBlockCuttingTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    private TestDatabase db;
    private JdbcTemplate jdbc;

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
        db.tenant("acme");
        db.tenant("beta");
        jdbc = new JdbcTemplate(db);
    }

    private record Block(long id, Long tenantId, String slug, long firstMicros, long lastMicros, int rowCount,
                         int bytes) {
        long spanMicros() {
            return lastMicros - firstMicros;
        }
    }

    private List<Block> blocks() {
        return jdbc.query("SELECT b.id, b.tenant_id, b.tenant_slug, b.first_at_us, b.last_at_us, b.row_count, "
                        + "OCTET_LENGTH(r.rows_data) FROM request_log_block b JOIN request_log_block_rows r "
                        + "ON r.block_id = b.id ORDER BY b.id",
                (rs, i) -> new Block(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getInt(7)));
    }

    private long tenantId(String slug) {
        return jdbc.queryForObject("SELECT id FROM tenant WHERE slug = ?", Long.class, slug);
    }

    private static CallRecord call(String tenant, int i, Instant at) {
        return new CallRecord("req-" + i, at, tenant, "echo", "cred-1", "BASIC", "GET", "/echo/" + i, null, 200, null,
                3, 2, "127.0.0.1", i, 10, List.of());
    }

    private List<LogEntry> allOf(String slug) {
        List<LogEntry> all = new ArrayList<>();
        String cursor = null;
        do {
            LogPage page = RequestLogService.page(jdbc, tenantId(slug), LogFilter.newest().withLimit(1000)
                    .withCursor(cursor));
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Test
    void moreThanOneThousandTwentyFourCallsOfOneSlugBecomeSeveralFullBlocks() {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            calls.add(call("acme", i, T0.plusMillis(i % 700)));
        }
        Collections.shuffle(calls, new Random(1));

        db.insert(calls);

        assertThat(blocks()).extracting(Block::rowCount).containsExactly(1024, 1024, 452);
        List<LogEntry> stored = allOf("acme");
        assertThat(stored).extracting(LogEntry::bytesIn).doesNotHaveDuplicates().hasSize(2_500);
        assertThat(stored).extracting(LogEntry::id).doesNotHaveDuplicates();
    }

    @Test
    void aBlockNeverSpansMoreThanSixtySeconds() {
        Random random = new Random(2);
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            calls.add(call("acme", i, T0.plusMillis(random.nextInt(10 * 60 * 1000))));
        }

        db.insert(calls);

        List<Block> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(b -> assertThat(b.spanMicros()).isBetween(0L, LogBlocks.MAX_SPAN_MICROS));
        assertThat(blocks.stream().mapToInt(Block::rowCount).sum()).isEqualTo(600);
    }

    @Test
    void callsExactlySixtySecondsApartShareABlockAndOneMicrosecondMoreStartsTheNext() {
        db.insert(List.of(call("acme", 0, T0), call("acme", 1, T0.plusSeconds(60)),
                call("acme", 2, T0.plusSeconds(60).plusNanos(1_000))));

        assertThat(blocks()).extracting(Block::rowCount).containsExactly(2, 1);
    }

    @Test
    void aBlockHoldsTheCallsOfOneSlugStoredUnderItsTenantId() {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(call(List.of("acme", "beta", "ghost").get(i % 3), i, T0.plusSeconds(i)));
        }
        calls.add(call(null, 99, T0));

        db.insert(calls);

        List<Block> blocks = blocks();
        assertThat(blocks).extracting(Block::slug).containsExactlyInAnyOrder("acme", "beta", "ghost", null);
        assertThat(blocks).allSatisfy(b -> assertThat(b.tenantId()).isEqualTo(
                b.slug() == null || b.slug().equals("ghost") ? null : tenantId(b.slug())));
        assertThat(allOf("acme")).hasSize(14).allSatisfy(e -> assertThat(e.tenant()).isEqualTo("acme"));
        assertThat(allOf("beta")).hasSize(13).allSatisfy(e -> assertThat(e.tenant()).isEqualTo("beta"));
    }

    @Test
    void largeCallsAreCutSoThatABlockStaysWithinItsByteLimit() {
        List<Attempt> attempts = new ArrayList<>();
        for (int a = 0; a < StoredRow.MAX_ATTEMPTS_STORED; a++) {
            attempts.add(new Attempt("p".repeat(100), "t".repeat(500), T0, 1, 502, "e".repeat(64), "d".repeat(500)));
        }
        List<CallRecord> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // about 61 KB each: 6 MB in all
            calls.add(new CallRecord("req-" + i, T0, "acme", "echo", null, null, "GET", "/" + "x".repeat(1999), null,
                    502, "upstream_error", 1, 1, null, i, 0, attempts));
        }

        db.insert(calls);

        List<Block> blocks = blocks();
        assertThat(blocks).hasSizeGreaterThan(1)
                .allSatisfy(b -> assertThat(b.bytes()).isLessThanOrEqualTo(LogBlocks.MAX_BLOCK_BYTES));
        assertThat(blocks.stream().mapToInt(Block::bytes).sum()).isGreaterThan(LogBlocks.MAX_BLOCK_BYTES);
        assertThat(allOf("acme")).hasSize(100).allSatisfy(e -> assertThat(e.attempts()).hasSize(50));
    }

    @Test
    void aTenantDeletedAndCreatedAgainWithTheSameSlugDoesNotSeeTheOldTenantsCalls() {
        db.insert(List.of(call("acme", 1, T0), call("acme", 2, T0.plusSeconds(1))));
        long oldId = tenantId("acme");

        db.execute("DELETE FROM tenant WHERE slug = 'acme'");
        db.tenant("acme");
        db.insert(List.of(call("acme", 3, T0.plusSeconds(2))));

        assertThat(tenantId("acme")).isNotEqualTo(oldId);
        assertThat(allOf("acme")).extracting(LogEntry::requestId).containsExactly("req-3");
        assertThat(RequestLogService.page(jdbc, oldId, LogFilter.newest()).items()).extracting(LogEntry::requestId)
                .containsExactly("req-2", "req-1");
        Map<String, Object> counts = jdbc.queryForMap("SELECT COUNT(*) AS blocks, COUNT(DISTINCT tenant_id) AS ids "
                + "FROM request_log_block WHERE tenant_slug = 'acme'");
        assertThat(counts).containsEntry("BLOCKS", 2L).containsEntry("IDS", 2L);
    }
}
