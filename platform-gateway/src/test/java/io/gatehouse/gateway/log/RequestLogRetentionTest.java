package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class RequestLogRetentionTest {
    private static final Instant CUTOFF = Instant.parse("2026-11-26T07:00:00Z");

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private long acme;

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
        db.tenant("acme");
        jdbc = new JdbcTemplate(db);
        acme = jdbc.queryForObject("SELECT id FROM tenant WHERE slug = 'acme'", Long.class);
    }

    private RequestLogRetention retention(int days, int batchSize) {
        return new RequestLogRetention(jdbc, new DataSourceTransactionManager(db), days, batchSize);
    }

    private static CallRecord call(String tenant, String requestId, Instant at, int status) {
        return new CallRecord(requestId, at, tenant, "echo", "cred-1", "BASIC", "GET", "/echo", null, status,
                status >= 500 ? "upstream_error" : null, 3, 2, "127.0.0.1", 0, 10,
                List.of(new Attempt("echo", "http://127.0.0.1:9", at, 2, status, null, "answered")));
    }

    /** Every call of the tenant, by request id. */
    private Map<String, LogEntry> callsOfAcme() {
        Map<String, LogEntry> byRequestId = new HashMap<>();
        for (LogEntry e : RequestLogService.page(jdbc, acme, LogFilter.newest().withLimit(1000)).items()) {
            byRequestId.put(e.requestId(), e);
        }
        return byRequestId;
    }

    /** Blocks left; their calls go with them (no rows without a header are left behind). */
    private long blocks() {
        long headers = jdbc.queryForObject("SELECT COUNT(*) FROM request_log_block", Long.class);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_log_block_rows", Long.class)).isEqualTo(headers);
        return headers;
    }

    @Test
    void blocksWhoseNewestCallIsOlderThanTheCutoffAreDeletedWholeInBatches() {
        // seven batches, each a block of three acme calls and one of two calls to an unknown tenant; then newer calls
        for (int b = 0; b < 7; b++) {
            Instant at = CUTOFF.minus(Duration.ofDays(b + 1));
            db.insert(List.of(call("acme", "old-" + b + "-1", at, 200), call("acme", "old-" + b + "-2", at, 200),
                    call("acme", "old-" + b + "-3", CUTOFF.minusNanos(1_000), 200),
                    call("ghost", "old-" + b + "-4", at, 404), call("ghost", "old-" + b + "-5", at, 404)));
        }
        db.insert(List.of(call("acme", "new-1", CUTOFF, 200), call("acme", "new-2", CUTOFF.plusSeconds(5), 200)));
        assertThat(blocks()).isEqualTo(7 * 3 + 1);
        Map<String, LogEntry> before = callsOfAcme();

        long deleted = retention(30, 2).purgeOlderThan(CUTOFF);

        assertThat(deleted).isEqualTo(7 * 5);
        assertThat(db.count("")).isEqualTo(2);
        assertThat(blocks()).isEqualTo(1);
        assertThat(callsOfAcme()).containsOnlyKeys("new-1", "new-2")
                .containsEntry("new-1", before.get("new-1")).containsEntry("new-2", before.get("new-2"));
    }

    @Test
    void aBlockStraddlingTheCutoffLosesItsOlderCallsAndTheOthersKeepTheirIds() {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = -30; i < 30; i++) {
            // the older calls are the only server errors: the rewritten header must not claim class 5 any more
            calls.add(call("acme", "r" + i, CUTOFF.plusSeconds(i), i < 0 ? 503 : 200));
        }
        calls.add(call("acme", "at-cutoff", CUTOFF, 201));
        calls.add(call("acme", "just-before", CUTOFF.minusNanos(1_000), 500));
        db.insert(calls);
        assertThat(blocks()).isEqualTo(1);
        Map<String, LogEntry> before = callsOfAcme();

        long deleted = retention(30, 10).purgeOlderThan(CUTOFF);

        assertThat(deleted).isEqualTo(31);
        Map<String, LogEntry> after = callsOfAcme();
        assertThat(after).hasSize(31).containsKey("at-cutoff").doesNotContainKey("just-before");
        after.forEach((requestId, entry) -> assertThat(entry).isEqualTo(before.get(requestId)));
        assertThat(after.values()).allSatisfy(e -> assertThat(e.timestamp()).isAfterOrEqualTo(CUTOFF));
        Map<String, Object> header = jdbc.queryForMap("SELECT first_at_us, last_at_us, row_count, status_classes "
                + "FROM request_log_block");
        assertThat(header).containsEntry("FIRST_AT_US", StoredRow.micros(CUTOFF))
                .containsEntry("LAST_AT_US", StoredRow.micros(CUTOFF.plusSeconds(29)))
                .containsEntry("ROW_COUNT", 31)
                .containsEntry("STATUS_CLASSES", 1 << 2);
        assertThat(RequestLogService.page(jdbc, acme, new LogFilter(null, StatusFilter.parse("5xx"), null, null,
                null, null, 10, null)).items()).isEmpty();
        assertThat(retention(30, 10).purgeOlderThan(CUTOFF)).isZero();
    }

    @Test
    void aTrimmedBlockStillFindsItsCallsByIdAndByFilter() {
        List<CallRecord> calls = new ArrayList<>();
        for (int i = -10; i < 10; i++) {
            calls.add(call("acme", "r" + i, CUTOFF.plusSeconds(i), 200));
        }
        db.insert(calls);
        long idOfR5 = callsOfAcme().get("r5").id();

        retention(30, 10).purgeOlderThan(CUTOFF);

        LogPage byRequestId = RequestLogService.page(jdbc, acme, new LogFilter(null, null, null, null, null, "r5", 10,
                null));
        assertThat(byRequestId.items()).singleElement().satisfies(e -> assertThat(e.id()).isEqualTo(idOfR5));
        assertThat(RequestLogService.page(jdbc, acme, new LogFilter(null, null, null, null, null, "r-5", 10, null))
                .items()).isEmpty();
    }

    @Test
    void retentionOfZeroDaysKeepsEverything() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(400));
        db.insert(List.of(call("acme", "ancient", longAgo, 200), call("ghost", "ancient-2", longAgo, 404)));

        retention(0, 10).purgeExpired();

        assertThat(db.count("")).isEqualTo(2);
    }

    @Test
    void theScheduledJobDeletesOnlyCallsOlderThanTheRetentionDays() {
        Instant now = Instant.now();
        db.insert(List.of(call("acme", "old", now.minus(Duration.ofDays(31)), 200)));
        db.insert(List.of(call("acme", "recent", now.minus(Duration.ofDays(29)), 200)));

        retention(30, 10).purgeExpired();

        assertThat(callsOfAcme()).containsOnlyKeys("recent");
    }

    @Test
    void negativeRetentionOrBatchSizeIsRefused() {
        assertThatThrownBy(() -> retention(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retention(30, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
