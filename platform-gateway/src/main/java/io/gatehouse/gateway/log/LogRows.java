package io.gatehouse.gateway.log;

import io.gatehouse.common.PageCursor;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * How a {@link CallRecord} becomes a {@code request_log} row: the INSERT, truncation to the column sizes and the
 * attempts as JSON. The tenant id is looked up by slug inside the INSERT, so the writer needs no tenant cache and a
 * call to an unknown tenant is stored with a NULL tenant id.
 */
final class LogRows {
    static final String INSERT = "INSERT INTO request_log (request_id, occurred_at, tenant_id, tenant_slug, route, "
            + "credential_id, credential_type, method, path, query, status, status_class, error_code, latency_ms, "
            + "upstream_latency_ms, client_ip, bytes_in, bytes_out, attempt_count, attempts_json, route_key, "
            + "credential_key) "
            + "VALUES (?, ?, (SELECT id FROM tenant WHERE slug = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final int MAX_ATTEMPTS_STORED = 50;

    private LogRows() {
    }

    /** Timestamps are stored with microsecond precision (both databases); cursors compare exactly what is stored. */
    static OffsetDateTime time(Instant instant) {
        return PageCursor.column(instant);
    }

    static void bind(PreparedStatement ps, CallRecord r) throws SQLException {
        String slug = cut(r.tenant(), 100);
        ps.setString(1, cut(r.requestId() == null ? "-" : r.requestId(), 128));
        ps.setObject(2, time(r.timestamp() == null ? Instant.now() : r.timestamp()));
        ps.setString(3, slug);
        ps.setString(4, slug);
        String route = cut(r.route(), 63);
        String credentialId = cut(r.credentialId(), 40);
        ps.setString(5, route);
        ps.setString(6, credentialId);
        ps.setString(7, cut(r.credentialType(), 20));
        ps.setString(8, cut(r.method() == null ? "-" : r.method(), 16));
        ps.setString(9, cut(r.path() == null ? "" : r.path(), 2000));
        ps.setString(10, cut(QueryRedaction.redact(r.query()), 2000));
        ps.setInt(11, r.status());
        ps.setShort(12, (short) Math.max(0, Math.min(9, r.status() / 100)));
        ps.setString(13, cut(r.errorCode(), 64));
        ps.setLong(14, r.latencyMs());
        ps.setLong(15, r.upstreamLatencyMs());
        ps.setString(16, cut(r.clientIp(), 64));
        ps.setLong(17, r.bytesIn());
        ps.setLong(18, r.bytesOut());
        ps.setInt(19, r.attempts().size());
        ps.setString(20, AttemptsJson.write(r.attempts(), MAX_ATTEMPTS_STORED));
        ps.setObject(21, key(route), Types.INTEGER);
        ps.setObject(22, key(credentialId), Types.INTEGER);
    }

    /**
     * The integer key of a stored route or credential id, which the filter indexes lead with (migration V6: Java's
     * {@code String.hashCode()}; comparing integers is what makes the writer's index inserts cheap). Queries match
     * the key and the text.
     */
    static Integer key(String stored) {
        return stored == null ? null : stored.hashCode();
    }


    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    static List<Attempt> attempts(String json) {
        return AttemptsJson.read(json);
    }
}
