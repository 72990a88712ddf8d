package io.gatehouse.auth.audit;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.common.CsvCells;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.common.PageCursor;
import io.gatehouse.common.StreamedRows;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Reads the audit trail: filtered pages newest first with keyset cursors, and a streamed CSV export. Read-only by
 * design - nothing in the application updates or deletes an audit entry.
 * <p>
 * Scope, from the caller's role: platform admins read every entry, those without a tenant (platform-level changes
 * such as users) included; everyone else only the entries of their tenants, never tenant-less ones. A filter naming a
 * tenant outside them is {@link NotFoundException}, as for a tenant that does not exist.
 */
@Service
public class AuditLog {
    private final JdbcTemplate jdbc;
    private final StreamedRows rows;
    private final AccessControl access;

    AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, AccessControl access) {
        this.jdbc = jdbc;
        this.access = access;
        this.rows = new StreamedRows(jdbc, transactions);
    }

    /** One page: up to {@code filter.limit()} entries after {@code filter.cursor()}, and the cursor of the next page. */
    public AuditPage search(AuditFilter filter) {
        return search(filter, access.readableTenantSlugs());
    }

    /** A CSV export of every entry the caller may read that matches the filter; see {@link #export(AuditFilter, Set)}. */
    public AuditExport export(AuditFilter filter) {
        return export(filter, access.readableTenantSlugs());
    }

    /** {@link #search(AuditFilter)} within an explicit scope: null = everything, else only those tenants' entries. */
    AuditPage search(AuditFilter filter, Set<String> visibleTenants) {
        Set<String> scope = scope(filter, visibleTenants);
        PageCursor after = filter.cursor() == null ? null : PageCursor.decode(filter.cursor(), AuditFilter.CURSOR_KIND);
        AuditQueries.Sql sql = AuditQueries.select(filter, scope, after, filter.limit() + 1);
        List<AuditRecord> found = jdbc.query(sql.text(), (rs, i) -> AuditQueries.map(rs), sql.args());
        String next = PageCursor.next(found, filter.limit(), AuditRecord::occurredAt, AuditRecord::id,
                AuditFilter.CURSOR_KIND);
        return new AuditPage(found.subList(0, Math.min(found.size(), filter.limit())), next);
    }

    /**
     * A CSV export of every entry matching the filter (its {@code limit} and {@code cursor} are not used), newest
     * first. The scope is checked now; the rows are read when the export is written, through a database cursor, so
     * memory stays flat however many entries match.
     */
    AuditExport export(AuditFilter filter, Set<String> visibleTenants) {
        Set<String> scope = scope(filter, visibleTenants);
        AuditQueries.Sql sql = AuditQueries.select(filter, scope, null, null);
        return out -> {
            out.write(AuditCsv.HEADER);
            out.write(CsvCells.LINE_END);
            return rows.write(sql.text(), sql.args(), AuditCsv::row, out);
        };
    }

    /** The visible tenants as an immutable set (null = all); a named tenant outside them does not exist for the caller. */
    private static Set<String> scope(AuditFilter filter, Set<String> visibleTenants) {
        if (visibleTenants == null) {
            return null;
        }
        if (filter.tenant() != null && !visibleTenants.contains(filter.tenant())) {
            throw new NotFoundException("no tenant '" + filter.tenant() + "'");
        }
        return Set.copyOf(visibleTenants);
    }
}
