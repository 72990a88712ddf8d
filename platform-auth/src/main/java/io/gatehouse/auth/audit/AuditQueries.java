package io.gatehouse.auth.audit;

import io.gatehouse.common.PageCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The SQL of the audit trail's read side: newest first on {@code (occurred_at, id)} with keyset paging
 * ({@link PageCursor#AFTER}).
 * A tenant set keeps only rows of those tenants ({@code tenant_slug IN (...)}, which never matches a NULL slug).
 */
final class AuditQueries {
    static final String COLUMNS = "id, occurred_at, actor, actor_ip, action, tenant_slug, object_type, object_id, detail";

    record Sql(String text, Object[] args) {
    }

    private AuditQueries() {
    }

    /**
     * Entries matching the filter among those of {@code tenants} (null = all, tenant-less ones included)
     * after {@code after} (null = from the newest), at most {@code limit} (null = all).
     */
    static Sql select(AuditFilter filter, Set<String> tenants, PageCursor after, Integer limit) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.tenant() != null) {
            where.add("tenant_slug = ?");
            args.add(filter.tenant());
        } else if (tenants != null && tenants.isEmpty()) {
            where.add("1 = 0");
        } else if (tenants != null) {
            where.add("tenant_slug IN (" + String.join(", ", Collections.nCopies(tenants.size(), "?")) + ")");
            args.addAll(tenants.stream().sorted().toList());
        }
        if (filter.actor() != null) {
            where.add("actor = ?");
            args.add(filter.actor());
        }
        if (filter.actionIsPrefix()) {
            where.add("action LIKE ? ESCAPE '!'");
            args.add(likeEscape(filter.action()) + "%");
        } else if (filter.action() != null) {
            where.add("action = ?");
            args.add(filter.action());
        }
        if (filter.objectType() != null) {
            where.add("object_type = ?");
            args.add(filter.objectType());
        }
        if (filter.from() != null) {
            where.add("occurred_at >= ?");
            args.add(PageCursor.column(filter.from()));
        }
        if (filter.to() != null) {
            where.add("occurred_at < ?");
            args.add(PageCursor.column(filter.to()));
        }
        if (after != null) {
            where.add(PageCursor.AFTER);
            args.addAll(after.afterArgs());
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit_event");
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        sql.append(" ORDER BY occurred_at DESC, id DESC");
        if (limit != null) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        return new Sql(sql.toString(), args.toArray());
    }

    static AuditRecord map(ResultSet rs) throws SQLException {
        return new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
    }

    private static String likeEscape(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
