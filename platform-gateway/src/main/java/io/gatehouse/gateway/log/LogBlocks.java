package io.gatehouse.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writing calls into {@code request_log_block} (migration V7): the calls of one batch are grouped by tenant slug,
 * ordered by time and cut into blocks of at most {@value LogBlock#SLOTS} calls, {@value #MAX_BLOCK_BYTES} bytes and
 * {@value #MAX_SPAN_MICROS} microseconds between the oldest and newest call (so a query positioned at time t knows
 * no block ending after t + that span holds older calls). The tenant ids come from one lookup per batch; a slug
 * without a tenant is stored with a NULL tenant id, as before.
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

    /** Inserts the calls as blocks on {@code c} (the caller commits); returns how many blocks. */
    static int insert(Connection c, List<CallRecord> calls) throws SQLException {
        Map<String, List<StoredRow>> bySlug = new LinkedHashMap<>();
        for (CallRecord call : calls) {
            StoredRow row = StoredRow.of(call, 0);
            bySlug.computeIfAbsent(row.tenant == null ? "" : row.tenant, s -> new ArrayList<>()).add(row);
        }
        Map<String, Long> tenantIds = tenantIds(c, bySlug.keySet());
        List<Group> groups = new ArrayList<>();
        bySlug.forEach((slug, rows) -> groups.add(new Group(tenantIds.get(slug), slug.isEmpty() ? null : slug, rows)));
        return insert(c, groups);
    }

    /** Inserts each group's rows as blocks on {@code c} (the caller commits); returns how many blocks. */
    static int insert(Connection c, Iterable<Group> groups) throws SQLException {
        List<byte[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            for (Group group : groups) {
                for (List<StoredRow> block : cut(group.rows())) {
                    LogBlockCodec.Encoded encoded = LogBlockCodec.encode(block);
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

    /** One slug's rows as blocks: ordered by time, slots assigned, cut at the row, byte and span limits. */
    static List<List<StoredRow>> cut(List<StoredRow> rows) {
        List<StoredRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(r -> r.micros));
        List<List<StoredRow>> blocks = new ArrayList<>();
        List<StoredRow> current = new ArrayList<>();
        long bytes = 0;
        for (StoredRow row : sorted) {
            long size = estimatedBytes(row);
            if (!current.isEmpty() && (current.size() == LogBlock.SLOTS || bytes + size > MAX_BLOCK_BYTES
                    || row.micros - current.get(0).micros > MAX_SPAN_MICROS)) {
                blocks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            row.placeAt(current.size());
            current.add(row);
            bytes += size;
        }
        blocks.add(current);
        return blocks;
    }

    private static long estimatedBytes(StoredRow r) {
        long size = 64L + length(r.requestId) + length(r.tenant) + length(r.route) + length(r.credentialId)
                + length(r.path) + length(r.query) + length(r.errorCode) + length(r.clientIp);
        for (Attempt a : r.attempts()) {
            size += 32L + length(a.provider()) + length(a.target()) + length(a.errorCode()) + length(a.decision());
        }
        return size * 3; // UTF-8 takes at most three bytes per char
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    private static Map<String, Long> tenantIds(Connection c, Iterable<String> slugs) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM tenant WHERE slug = ?")) {
            for (String slug : slugs) {
                if (slug.isEmpty()) {
                    continue;
                }
                ps.setString(1, slug);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        ids.put(slug, rs.getLong(1));
                    }
                }
            }
        }
        return ids;
    }
}
