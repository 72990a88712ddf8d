package io.gatehouse.gateway.log;

import io.gatehouse.auth.access.AccessControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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
    static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final AccessControl access;
    private final TransactionTemplate readOnly;

    RequestLogService(JdbcTemplate jdbc, AccessControl access, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.access = access;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
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
        LogCursor after = filter.cursor() == null ? null : LogCursor.decode(filter.cursor());
        LogQueries.Sql sql = LogQueries.select(tenantId, filter, after, filter.limit() + 1, qMode(jdbc, tenantId, filter));
        List<LogEntry> rows = jdbc.query(sql.text(), (rs, i) -> LogQueries.map(rs), sql.args());
        if (rows.size() <= filter.limit()) {
            return new LogPage(rows, null);
        }
        List<LogEntry> page = rows.subList(0, filter.limit());
        return new LogPage(page, LogCursor.after(page.get(page.size() - 1)).encode());
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
     * ({@value #EXPORT_FETCH_SIZE} rows at a time), so memory stays flat however many rows match.
     */
    public LogExport export(String tenant, LogFilter filter) {
        long tenantId = access.readableTenant(tenant);
        LogQueries.Sql sql = LogQueries.select(tenantId, filter.withCursor(null), null, null,
                qMode(jdbc, tenantId, filter));
        return out -> {
            out.write(LogCsv.HEADER);
            out.write("\r\n");
            try {
                Long rows = readOnly.execute(status -> jdbc.execute((ConnectionCallback<Long>) c -> stream(c, sql, out)));
                return rows == null ? 0 : rows;
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        };
    }

    private static long stream(Connection c, LogQueries.Sql sql, Writer out) throws SQLException {
        boolean h2 = c.getMetaData().getDatabaseProductName().toUpperCase(java.util.Locale.ROOT).contains("H2");
        if (h2) {
            lazy(c, true); // H2 otherwise materialises the whole result before the first row
        }
        try (PreparedStatement ps = c.prepareStatement(sql.text(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            ps.setFetchSize(EXPORT_FETCH_SIZE);
            Object[] args = sql.args();
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            long rows = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LogCsv.row(rs, out);
                    rows++;
                }
            }
            out.flush();
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (h2) {
                lazy(c, false);
            }
        }
    }

    private static void lazy(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        }
    }
}
