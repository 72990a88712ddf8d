package io.gatehouse.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writing calls into {@code request_log_block} (migration V7): the calls of one batch are grouped by tenant slug,
 * ordered by time and cut into blocks of at most {@value LogBlock#SLOTS} calls, {@value #MAX_BLOCK_BYTES} bytes and
 * {@value #MAX_SPAN_MICROS} microseconds between the oldest and newest call (so a query positioned at time t knows
 * no block ending after t + that span holds older calls). The tenant ids come from {@link TenantIds}; a slug without
 * a tenant is stored with a NULL tenant id, as before.
 */
final class LogBlocks {
    static final long MAX_SPAN_MICROS = 60_000_000L;
    static final int MAX_BLOCK_BYTES = 4 << 20;
    static final String INSERT = "INSERT INTO request_log_block (tenant_id, tenant_slug, first_at_us, last_at_us, "
            + "row_count, status_classes, value_filter, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_ROWS = "INSERT INTO request_log_block_rows (block_id, rows_data) VALUES (?, ?)";

    private LogBlocks() {
    }

    /** The calls of one tenant slug (null: none in the URL) and the tenant id they are stored under. */
    record Group(Long tenantId, String slug, List<StoredRow> rows) {
    }

    /** Orders a batch's calls by tenant slug, then time: a slug's calls become one run, ready to cut. */
    private static final Comparator<StoredRow> BY_SLUG_THEN_TIME = Comparator
            .comparing(LogBlocks::slugOf, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(r -> r.micros);

    /** Inserts the calls as blocks on {@code c} (the caller commits); returns how many blocks. */
    static int insert(Connection c, List<CallRecord> calls) throws SQLException {
        return insert(c, calls, new TenantIds());
    }

    /** As above, with the tenant ids known from earlier batches. */
    static int insert(Connection c, List<CallRecord> calls, TenantIds tenants) throws SQLException {
        StoredRow[] rows = new StoredRow[calls.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = StoredRow.of(calls.get(i), 0);
        }
        Arrays.sort(rows, BY_SLUG_THEN_TIME);
        List<StoredRow> sorted = Arrays.asList(rows);
        List<List<StoredRow>> runs = new ArrayList<>();
        for (int start = 0, end; start < rows.length; start = end) {
            end = start + 1;
            while (end < rows.length && Objects.equals(slugOf(rows[end]), slugOf(rows[start]))) {
                end++;
            }
            runs.add(sorted.subList(start, end));
        }
        Map<String, Long> tenantIds = tenants.of(c, runs.stream().map(run -> slugOf(run.get(0))).toList());
        List<Group> groups = new ArrayList<>(runs.size());
        for (List<StoredRow> run : runs) {
            String slug = slugOf(run.get(0));
            groups.add(new Group(tenantIds.get(slug), slug, run));
        }
        return insert(c, groups);
    }

    /** The tenant slug a call was made to; null when the URL had none. */
    private static String slugOf(StoredRow row) {
        return row.tenant == null || row.tenant.isEmpty() ? null : row.tenant;
    }

    /** Inserts each group's rows as blocks on {@code c} (the caller commits); returns how many blocks. */
    static int insert(Connection c, Iterable<Group> groups) throws SQLException {
        List<byte[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            for (Group group : groups) {
                for (LogBlockCodec.Encoded encoded : LogBlockCodec.encodeAll(inTimeOrder(group.rows()))) {
                    bindHeader(ps, group.tenantId(), group.slug(), encoded);
                    ps.addBatch();
                    rows.add(encoded.rows());
                }
            }
            ps.executeBatch();
            try (ResultSet ids = ps.getGeneratedKeys();
                 PreparedStatement insertRows = c.prepareStatement(INSERT_ROWS)) {
                for (byte[] data : rows) {
                    if (!ids.next()) {
                        throw new SQLException("the database returned fewer block ids than blocks inserted");
                    }
                    insertRows.setLong(1, ids.getLong(1));
                    insertRows.setBytes(2, data);
                    insertRows.addBatch();
                }
                insertRows.executeBatch();
            }
        }
        return rows.size();
    }

    static void bindHeader(PreparedStatement ps, Long tenantId, String slug, LogBlockCodec.Encoded block)
            throws SQLException {
        ps.setObject(1, tenantId, Types.BIGINT);
        ps.setString(2, slug);
        ps.setLong(3, block.firstMicros());
        ps.setLong(4, block.lastMicros());
        ps.setInt(5, block.rowCount());
        ps.setInt(6, block.statusClasses());
        ps.setBytes(7, block.values());
        ps.setBytes(8, block.summary());
    }

    /** The rows themselves when already in time order (a batch's runs are), else a sorted copy. */
    private static List<StoredRow> inTimeOrder(List<StoredRow> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).micros < rows.get(i - 1).micros) {
                List<StoredRow> sorted = new ArrayList<>(rows);
                sorted.sort(Comparator.comparingLong(r -> r.micros));
                return sorted;
            }
        }
        return rows;
    }
}
