package io.gatehouse.gateway.log;

import io.gatehouse.common.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the log queries. Scoped to one tenant id, newest first on {@code (occurred_at, id)}, so each query
 * walks one of the {@code (tenant_id, ..., occurred_at DESC, id DESC)} indexes (route and credential through their
 * integer keys, {@link LogRows#key}) and stops after the page (see
 * {@link #order}). Without a tenant id (the platform admin's view across tenants) there is no tenant predicate and
 * the query walks the {@code (occurred_at)} index, rows of deleted and unknown tenants included.
 * Keyset paging: a row comes after the cursor when it is older, or as old with a smaller id; written as
 * {@code occurred_at <= t AND (occurred_at < t OR id < i)} so the first part is an index range on both databases.
 */
final class LogQueries {
    static final String COLUMNS = "id, request_id, occurred_at, tenant_slug, route, credential_id, credential_type, "
            + "method, path, query, status, error_code, latency_ms, upstream_latency_ms, client_ip, bytes_in, bytes_out, "
            + "attempts_json";

    record Sql(String text, Object[] args) {
    }

    /** How {@code q} is matched: as a request id (exact, by index) or as a piece of the path (a scan). */
    enum Q { REQUEST_ID, PATH }

    private LogQueries() {
    }

    /**
     * Whether the tenant (null = any tenant) has a call with this request id (then {@code q} means that id, not a
     * path piece).
     */
    static Sql requestIdExists(Long tenantId, String requestId) {
        if (tenantId == null) {
            return new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM request_log WHERE request_id = ? LIMIT 1) x",
                    new Object[] {requestId});
        }
        return new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM request_log WHERE tenant_id = ? AND request_id = ? LIMIT 1) x",
                new Object[] {tenantId, requestId});
    }

    /**
     * Rows of the tenant (null = of every tenant, known or not) matching the filter after {@code after} (null = from
     * the newest), at most {@code limit}.
     */
    static Sql select(Long tenantId, LogFilter filter, PageCursor after, Integer limit, Q q) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (tenantId != null) {
            where.add("tenant_id = ?");
            args.add(tenantId);
        }
        if (filter.route() != null) {
            where.add("route_key = ?");
            args.add(LogRows.key(filter.route()));
            where.add("route = ?");
            args.add(filter.route());
        }
        if (filter.status() != null) {
            where.add("status_class = ?");
            args.add(filter.status().statusClass());
            if (filter.status().exact() != 0) {
                where.add("status = ?");
                args.add(filter.status().exact());
            }
        }
        if (filter.credential() != null) {
            where.add("credential_key = ?");
            args.add(LogRows.key(filter.credential()));
            where.add("credential_id = ?");
            args.add(filter.credential());
        }
        if (filter.from() != null) {
            where.add("occurred_at >= ?");
            args.add(LogRows.time(filter.from()));
        }
        if (filter.to() != null) {
            where.add("occurred_at < ?");
            args.add(LogRows.time(filter.to()));
        }
        if (filter.q() != null && q == Q.REQUEST_ID) {
            where.add("request_id = ?");
            args.add(filter.q());
        } else if (filter.q() != null) {
            where.add("path LIKE ? ESCAPE '!'");
            args.add("%" + likeEscape(filter.q()) + "%");
        }
        if (after != null) {
            where.add(PageCursor.AFTER);
            args.addAll(after.afterArgs());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM request_log");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        // a request id matches a few rows: found through its own index, then sorted (spelled so that H2 does not
        // prefer walking the tenant's time index instead); across tenants, the (occurred_at) index
        sql.append(" ORDER BY ").append(filter.q() != null && q == Q.REQUEST_ID || tenantId == null
                ? "occurred_at DESC, id DESC" : order(filter));
        if (limit != null) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        return new Sql(sql.toString(), args.toArray());
    }

    /**
     * Newest first, spelled as the columns of the index that serves the filter. The leading columns are fixed by the
     * WHERE clause, so the order is the same; but H2 walks an index in order (and stops after the page) only when the
     * ORDER BY starts with the index's own first columns - otherwise it reads every row of the tenant and sorts.
     */
    static String order(LogFilter filter) {
        String middle = filter.route() != null ? "route_key, "
                : filter.status() != null ? "status_class, "
                : filter.credential() != null ? "credential_key, " : "";
        return "tenant_id, " + middle + "occurred_at DESC, id DESC";
    }

    static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    static LogEntry map(ResultSet rs) throws SQLException {
        return new LogEntry(rs.getLong(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getInt(11), rs.getString(12), rs.getLong(13), rs.getLong(14), rs.getString(15),
                rs.getLong(16), rs.getLong(17), AttemptsJson.read(rs.getString(18)));
    }
}
