package io.gatehouse.gateway.log;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.common.CsvCells;
import io.gatehouse.common.PageCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

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

    RequestLogService(JdbcTemplate jdbc, AccessControl access) {
        this.jdbc = jdbc;
        this.access = access;
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
        LogMatch match = LogMatch.of(filter, after, qIsRequestId(jdbc, tenantId, filter));
        List<LogEntry> rows = new ArrayList<>();
        LogScan.newestFirst(jdbc, tenantId, match, row -> {
            rows.add(row.toEntry());
            return rows.size() <= filter.limit();
        });
        String next = PageCursor.next(rows, filter.limit(), LogEntry::timestamp, LogEntry::id, LogFilter.CURSOR_KIND);
        return new LogPage(rows.subList(0, Math.min(rows.size(), filter.limit())), next);
    }

    /**
     * {@code q} is a request id when the tenant has a call with that id (any tenant's call when {@code tenantId} is
     * null; blocks without it are ruled out by their value filter), otherwise a piece of the path to look for.
     */
    static boolean qIsRequestId(JdbcTemplate jdbc, Long tenantId, LogFilter filter) {
        return filter.q() != null && newest(jdbc, tenantId, LogMatch.requestId(filter.q())).isPresent();
    }

    private static Optional<StoredRow> newest(JdbcTemplate jdbc, Long tenantId, LogMatch match) {
        StoredRow[] found = new StoredRow[1];
        LogScan.newestFirst(jdbc, tenantId, match, row -> {
            found[0] = row;
            return false;
        });
        return Optional.ofNullable(found[0]);
    }

    /** The entry with this row id, if it belongs to the tenant. */
    public Optional<LogEntry> find(String tenant, long id) {
        long tenantId = access.readableTenant(tenant);
        return byId(id, tenantId);
    }

    /** The entry with this row id, whichever tenant (known or not) it was made to: for the view across tenants. */
    public Optional<LogEntry> findAny(long id) {
        access.requirePlatformAdmin("read the log across tenants");
        return byId(id, null);
    }

    private Optional<LogEntry> byId(long id, Long tenantId) {
        if (id < 0) {
            return Optional.empty();
        }
        long blockId = LogBlock.blockOf(id);
        if (tenantId != null && jdbc.queryForList("SELECT id FROM request_log_block WHERE id = ? AND tenant_id = ?",
                Long.class, blockId, tenantId).isEmpty()) {
            return Optional.empty();
        }
        int slot = LogBlock.slotOf(id);
        return LogScan.rows(jdbc, blockId).stream().filter(r -> r.slot == slot).findFirst().map(StoredRow::toEntry);
    }

    /** The newest entry with this request id in the tenant (a caller may reuse an id). */
    public Optional<LogEntry> findByRequestId(String tenant, String requestId) {
        long tenantId = access.readableTenant(tenant);
        return newest(jdbc, tenantId, LogMatch.requestId(requestId)).map(StoredRow::toEntry);
    }

    /**
     * A CSV export of every row matching the filter (its {@code limit} and {@code cursor} are not used), newest
     * first. The tenant is checked now; the rows are read block by block when the export is written, so memory stays
     * flat however many rows match.
     */
    public LogExport export(String tenant, LogFilter filter) {
        long tenantId = access.readableTenant(tenant);
        LogMatch match = LogMatch.of(filter, null, qIsRequestId(jdbc, tenantId, filter));
        return out -> {
            out.write(LogCsv.HEADER);
            out.write(CsvCells.LINE_END);
            long[] written = new long[1];
            try {
                LogScan.newestFirst(jdbc, tenantId, match, row -> {
                    try {
                        LogCsv.row(row, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                    return true;
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            out.flush();
            return written[0];
        };
    }
}
