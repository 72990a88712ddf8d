package io.gatehouse.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Moves calls logged before blocks existed (one {@code request_log} row each, migrations V4 and V6) into
 * {@code request_log_block}, oldest first, {@value #CHUNK} rows per transaction: the blocks are inserted and the
 * rows deleted in the same transaction, so a crash or a database error in between loses and duplicates nothing.
 * Each row keeps the tenant id it was stored with. The chunk is locked as it is read, so two servers sharing one
 * database cannot both move the same rows. The writer thread calls {@link #moveChunk} between its own
 * batches until nothing is left, so an upgrade with a large log neither delays start-up nor stops logging.
 */
final class LegacyLogRows {
    static final int CHUNK = 2_000;
    private static final String SELECT = "SELECT id, request_id, occurred_at, tenant_id, tenant_slug, route, "
            + "credential_id, credential_type, method, path, query, status, error_code, latency_ms, "
            + "upstream_latency_ms, client_ip, bytes_in, bytes_out, attempt_count, attempts_json FROM request_log "
            + "ORDER BY id LIMIT " + CHUNK + " FOR UPDATE";

    private LegacyLogRows() {
    }

    /** Moves the oldest chunk; returns how many rows it moved (0: none left). */
    static int moveChunk(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int moved = moveChunk(c);
                c.commit();
                return moved;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static int moveChunk(Connection c) throws SQLException {
        Map<List<Object>, LogBlocks.Group> groups = new LinkedHashMap<>();
        long lastId = -1;
        int rows = 0;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(SELECT)) {
            while (rs.next()) {
                lastId = rs.getLong(1);
                Long tenantId = rs.getObject(4) == null ? null : rs.getLong(4);
                String slug = rs.getString(5);
                groups.computeIfAbsent(Arrays.asList(tenantId, slug),
                        k -> new LogBlocks.Group(tenantId, slug, new ArrayList<>())).rows().add(row(rs));
                rows++;
            }
        }
        if (rows == 0) {
            return 0;
        }
        LogBlocks.insert(c, groups.values());
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM request_log WHERE id <= ?")) {
            delete.setLong(1, lastId);
            delete.executeUpdate();
        }
        return rows;
    }

    private static StoredRow row(ResultSet rs) throws SQLException {
        return new StoredRow(0, 0, rs.getString(2), StoredRow.micros(rs.getObject(3, OffsetDateTime.class).toInstant()),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                rs.getString(11), rs.getInt(12), rs.getString(13), rs.getLong(14), rs.getLong(15), rs.getString(16),
                rs.getLong(17), rs.getLong(18), rs.getInt(19), AttemptsJson.read(rs.getString(20)), null, 0);
    }
}
