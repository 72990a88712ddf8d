package io.gatehouse.gateway.log;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.common.CsvCells;
import io.gatehouse.common.PageCursor;
import io.gatehouse.common.StreamedRows;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Reads a tenant's request log: filtered pages newest first with keyset cursors, single entries, and a streamed CSV
 * export. Every method takes the tenant slug and answers {@code NotFoundException} for an unknown tenant; rows are
 * selected by tenant id, so a tenant never sees another tenant's calls (nor those of a deleted tenant with the same
 * slug). Calls to unknown tenants are stored without a tenant id and are not visible there; {@link #listAll} and
 * {@link #findAny} are the platform admin's view across tenants, which includes them (and the calls of deleted
 * tenants) with the slug they were made to.
 */
@Service
public class RequestLogService {
    private final JdbcTemplate jdbc;
    private final AccessControl access;
    private final StreamedRows rows;

    RequestLogService(JdbcTemplate jdbc, AccessControl access, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.access = access;
        this.rows = new StreamedRows(jdbc, transactions);
    }

    /** One page: up to {@code filter.limit()} rows after {@code filter.cursor()}, and the cursor of the next page. */
    public LogPage list(String tenant, LogFilter filter) {
        return page(jdbc, access.readableTenant(tenant), filter);
    }

    /**
     * One page across all tenants, newest first: the same filters (a route name matches that route in any tenant;
     * {@code q} is a request id when any call has it), rows of unknown and deleted tenants included.
     */
    public LogPage listAll(LogFilter filter) {
        access.requirePlatformAdmin("read the log across tenants");
        return page(jdbc, null, filter);
    }

    /** The page query itself, by tenant id (also what the benchmark under bench/request-log times). */
    static LogPage page(JdbcTemplate jdbc, long tenantId, LogFilter filter) {
        return page(jdbc, Long.valueOf(tenantId), filter);
    }

    private static LogPage page(JdbcTemplate jdbc, Long tenantId, LogFilter filter) {
        PageCursor after = filter.cursor() == null ? null : PageCursor.decode(filter.cursor(), LogFilter.CURSOR_KIND);
        LogQueries.Sql sql = LogQueries.select(tenantId, filter, after, filter.limit() + 1, qMode(jdbc, tenantId, filter));
        List<LogEntry> rows = jdbc.query(sql.text(), (rs, i) -> LogQueries.map(rs), sql.args());
        String next = PageCursor.next(rows, filter.limit(), LogEntry::timestamp, LogEntry::id, LogFilter.CURSOR_KIND);
        return new LogPage(rows.subList(0, Math.min(rows.size(), filter.limit())), next);
    }

    /**
     * {@code q} is a request id when the tenant has a call with that id (found through the (tenant, request id)
     * index; any tenant's call when {@code tenantId} is null), otherwise a piece of the path to look for.
     */
    static LogQueries.Q qMode(JdbcTemplate jdbc, Long tenantId, LogFilter filter) {
        if (filter.q() == null) {
            return LogQueries.Q.PATH;
        }
        LogQueries.Sql exists = LogQueries.requestIdExists(tenantId, filter.q());
        Long found = jdbc.queryForObject(exists.text(), Long.class, exists.args());
        return found != null && found > 0 ? LogQueries.Q.REQUEST_ID : LogQueries.Q.PATH;
    }

    /** The entry with this row id, if it belongs to the tenant. */
    public Optional<LogEntry> find(String tenant, long id) {
        long tenantId = access.readableTenant(tenant);
        return jdbc.query("SELECT " + LogQueries.COLUMNS + " FROM request_log WHERE id = ? AND tenant_id = ?",
                (rs, i) -> LogQueries.map(rs), id, tenantId).stream().findFirst();
    }

    /** The entry with this row id, whichever tenant (known or not) it was made to: for the view across tenants. */
    public Optional<LogEntry> findAny(long id) {
        access.requirePlatformAdmin("read the log across tenants");
        return jdbc.query("SELECT " + LogQueries.COLUMNS + " FROM request_log WHERE id = ?",
                (rs, i) -> LogQueries.map(rs), id).stream().findFirst();
    }

    /** The newest entry with this request id in the tenant (a caller may reuse an id). */
    public Optional<LogEntry> findByRequestId(String tenant, String requestId) {
        long tenantId = access.readableTenant(tenant);
        return jdbc.query("SELECT " + LogQueries.COLUMNS + " FROM request_log WHERE request_id = ? AND tenant_id = ? "
                        + "ORDER BY occurred_at DESC, id DESC LIMIT 1",
                (rs, i) -> LogQueries.map(rs), requestId, tenantId).stream().findFirst();
    }

    /**
     * A CSV export of every row matching the filter (its {@code limit} and {@code cursor} are not used), newest
     * first. The tenant is checked now; the rows are read when the export is written, through a database cursor
     * ({@link StreamedRows}), so memory stays flat however many rows match.
     */
    public LogExport export(String tenant, LogFilter filter) {
        long tenantId = access.readableTenant(tenant);
        LogQueries.Sql sql = LogQueries.select(tenantId, filter.withCursor(null), null, null,
                qMode(jdbc, tenantId, filter));
        return out -> {
            out.write(LogCsv.HEADER);
            out.write(CsvCells.LINE_END);
            return rows.write(sql.text(), sql.args(), LogCsv::row, out);
        };
    }
}
