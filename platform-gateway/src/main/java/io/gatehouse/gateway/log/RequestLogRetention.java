package io.gatehouse.gateway.log;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the request log to the last {@code platform.request-log.retention-days} days (0 keeps everything): a
 * scheduled job deletes older rows in batches of {@code platform.request-log.retention-batch-size}, each its own
 * short statement, so the writer and the console are never blocked for long.
 */
@Component
public class RequestLogRetention {
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogRetention.class);

    private final JdbcTemplate jdbc;
    private final int retentionDays;
    private final int batchSize;

    RequestLogRetention(JdbcTemplate jdbc, @Value("${platform.request-log.retention-days:30}") int retentionDays,
                        @Value("${platform.request-log.retention-batch-size:10000}") int batchSize) {
        if (retentionDays < 0 || batchSize < 1) {
            throw new IllegalArgumentException("platform.request-log.retention-days must be >= 0 and "
                    + "platform.request-log.retention-batch-size >= 1");
        }
        this.jdbc = jdbc;
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

    /** Deletes every row older than {@code cutoff}, batch by batch; returns how many. */
    public long purgeOlderThan(Instant cutoff) {
        long total = 0;
        while (true) {
            int deleted = jdbc.update("DELETE FROM request_log WHERE id IN (SELECT id FROM request_log "
                    + "WHERE occurred_at < ? ORDER BY occurred_at LIMIT ?)", LogRows.time(cutoff), batchSize);
            total += deleted;
            if (deleted < batchSize) {
                return total;
            }
        }
    }
}
