package io.gatehouse.gateway.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the request log to the last {@code platform.request-log.retention-days} days (0 keeps everything): a
 * scheduled job deletes older calls: whole blocks, {@code platform.request-log.retention-batch-size} at a time, each
 * its own short statement, so the writer and the console are never blocked for long.
 */
@Component
public class RequestLogRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogRetention.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final int retentionDays;
    private final int batchSize;

    RequestLogRetention(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, @Value("${platform.request-log.retention-days:30}") int retentionDays,
                        @Value("${platform.request-log.retention-batch-size:10000}") int batchSize) {
        if (retentionDays < 0 || batchSize < 1) {
            throw new IllegalArgumentException("platform.request-log.retention-days must be >= 0 and "
                    + "platform.request-log.retention-batch-size >= 1");
        }
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.retentionDays = retentionDays;
        this.batchSize = batchSize;
    }

    @Scheduled(initialDelayString = "${platform.request-log.retention-initial-delay-ms:60000}",
            fixedDelayString = "${platform.request-log.retention-interval-ms:3600000}")
    void purgeExpired() {
        if (retentionDays == 0) {
            return;
        }
        long deleted = purgeOlderThan(Instant.now().minus(Duration.ofDays(retentionDays)));
        if (deleted > 0) {
            LOG.info("request log retention: deleted {} rows older than {} days", deleted, retentionDays);
        }
    }

    /**
     * Deletes every call older than {@code cutoff}; returns how many. Blocks whose newest call is older go whole,
     * {@code batchSize} blocks per statement; a block with calls on both sides of the cutoff (found among those ending
     * less than a block's span after it) is written again without its older calls, which keeps the others' ids.
     */
    public long purgeOlderThan(Instant cutoff) {
        long cutoffMicros = StoredRow.micros(cutoff);
        long total = 0;
        while (true) {
            List<long[]> expired = jdbc.query("SELECT id, row_count FROM request_log_block WHERE last_at_us < ? "
                    + "ORDER BY last_at_us DESC, id DESC LIMIT ?", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)},
                    cutoffMicros, batchSize);
            for (long[] block : expired) {
                total += jdbc.update("DELETE FROM request_log_block WHERE id = ?", block[0]) * block[1];
            }
            if (expired.size() < batchSize) {
                break;
            }
        }
        List<Long> straddling = jdbc.queryForList("SELECT id FROM request_log_block WHERE last_at_us >= ? "
                + "AND last_at_us <= ? AND first_at_us < ?", Long.class, cutoffMicros,
                cutoffMicros + LogBlocks.MAX_SPAN_MICROS, cutoffMicros);
        for (long blockId : straddling) {
            total += transactions.execute(status -> trim(blockId, cutoffMicros));
        }
        return total;
    }

    /** Writes the block again with only its calls at or after the cutoff; returns how many calls it lost. */
    private long trim(long blockId, long cutoffMicros) {
        List<byte[]> data = jdbc.query("SELECT rows_data FROM request_log_block_rows WHERE block_id = ? FOR UPDATE",
                (rs, i) -> rs.getBytes(1), blockId);
        if (data.isEmpty()) {
            return 0;
        }
        List<StoredRow> rows = LogBlockCodec.decode(blockId, data.get(0));
        List<StoredRow> kept = rows.stream().filter(r -> r.micros >= cutoffMicros).toList();
        if (kept.isEmpty()) {
            jdbc.update("DELETE FROM request_log_block WHERE id = ?", blockId);
        } else if (kept.size() < rows.size()) {
            LogBlockCodec.Encoded block = LogBlockCodec.encode(kept);
            jdbc.update("UPDATE request_log_block SET first_at_us = ?, last_at_us = ?, row_count = ?, "
                            + "status_classes = ?, value_filter = ?, summary = ? WHERE id = ?", block.firstMicros(),
                    block.lastMicros(), block.rowCount(), block.statusClasses(), block.values(), block.summary(),
                    blockId);
            jdbc.update("UPDATE request_log_block_rows SET rows_data = ? WHERE block_id = ?", block.rows(), blockId);
        }
        return rows.size() - kept.size();
    }
}
