package io.gatehouse.gateway.log;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads calls newest first - on {@code (time, id)}, as the log API pages them - from the blocks of one tenant, or of
 * every tenant. Block headers come in growing chunks (4, 16, 64, then 256 per query) in the order of their newest
 * call; a block a {@link LogMatch} rules out from its header is never read. Blocks can overlap in time, so decoded
 * calls wait in a queue until no block still to come can hold a newer one: a call is handed out once it is newer
 * than the newest call of the next block.
 */
final class LogScan {
    private static final int FIRST_CHUNK = 4;
    private static final int MAX_CHUNK = 256;
    private static final Comparator<StoredRow> NEWEST_FIRST = Comparator.<StoredRow>comparingLong(r -> r.micros)
            .thenComparingLong(StoredRow::id).reversed();

    /** Receives calls newest first; returns false to stop the scan. */
    @FunctionalInterface
    interface Visitor {
        boolean visit(StoredRow row);
    }

    /** Takes a whole block from its header (with its summary) instead of its calls; false: decode it as usual. */
    @FunctionalInterface
    interface WholeBlocks {
        boolean take(LogBlock block);
    }

    private LogScan() {
    }

    /** Hands every call of the tenant (null: of every tenant) that {@code match} accepts to {@code visitor}. */
    static void newestFirst(JdbcTemplate jdbc, Long tenantId, LogMatch match, Visitor visitor) {
        newestFirst(jdbc, tenantId, match, null, visitor);
    }

    /**
     * The same, but a block {@code wholeBlocks} takes is not decoded: its calls are not handed to the visitor (for
     * counts that the block's summary answers; the order of the calls that are handed over is unchanged).
     */
    static void newestFirst(JdbcTemplate jdbc, Long tenantId, LogMatch match, WholeBlocks wholeBlocks,
                            Visitor visitor) {
        PriorityQueue<StoredRow> waiting = new PriorityQueue<>(NEWEST_FIRST);
        LogBlock previous = null;
        int chunk = FIRST_CHUNK;
        while (true) {
            List<LogBlock> blocks = headers(jdbc, tenantId, match, previous, chunk, wholeBlocks != null);
            for (LogBlock block : blocks) {
                while (!waiting.isEmpty() && waiting.peek().micros > block.lastMicros()) {
                    if (!visitor.visit(waiting.poll())) {
                        return;
                    }
                }
                if (match.mayHold(block) && (wholeBlocks == null || !wholeBlocks.take(block))) {
                    for (StoredRow row : rows(jdbc, block.id())) {
                        if (match.test(row)) {
                            waiting.add(row);
                        }
                    }
                }
                previous = block;
            }
            if (blocks.size() < chunk) {
                break;
            }
            chunk = Math.min(MAX_CHUNK, chunk * 4);
        }
        while (!waiting.isEmpty()) {
            if (!visitor.visit(waiting.poll())) {
                return;
            }
        }
    }

    /** The calls of one block, or none when it is gone (deleted by retention since its header was read). */
    static List<StoredRow> rows(JdbcTemplate jdbc, long blockId) {
        List<byte[]> data = jdbc.query("SELECT rows_data FROM request_log_block_rows WHERE block_id = ?",
                (rs, i) -> rs.getBytes(1), blockId);
        return data.isEmpty() ? List.of() : LogBlockCodec.decode(blockId, data.get(0));
    }

    private static List<LogBlock> headers(JdbcTemplate jdbc, Long tenantId, LogMatch match, LogBlock after,
                                          int limit, boolean withSummary) {
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (tenantId != null) {
            where.add("tenant_id = ?");
            args.add(tenantId);
        }
        if (match.fromMicros() != null) {
            where.add("last_at_us >= ?");
            args.add(match.fromMicros());
        }
        Long newest = match.newestPossibleMicros();
        if (newest != null) {
            // a block whose newest call is later than this by more than a block's span holds no call old enough
            where.add("last_at_us <= ?");
            args.add(newest + LogBlocks.MAX_SPAN_MICROS);
        }
        if (after != null) {
            where.add("last_at_us <= ? AND (last_at_us < ? OR id < ?)");
            args.add(after.lastMicros());
            args.add(after.lastMicros());
            args.add(after.id());
        }
        String sql = "SELECT id, tenant_id, first_at_us, last_at_us, row_count, status_classes, value_filter"
                + (withSummary ? ", summary" : "") + " FROM request_log_block" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                // spelled as the index's columns, so H2 walks it in order and stops after the chunk
                + " ORDER BY " + (tenantId != null ? "tenant_id, " : "") + "last_at_us DESC, id DESC LIMIT ?";
        args.add(limit);
        return jdbc.query(sql, (rs, i) -> new LogBlock(rs.getLong(1), rs.getObject(2) == null ? null : rs.getLong(2),
                rs.getLong(3), rs.getLong(4), rs.getInt(5), rs.getInt(6), rs.getBytes(7),
                withSummary ? rs.getBytes(8) : null), args.toArray());
    }
}
