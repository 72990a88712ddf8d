package io.gatehouse.gateway.log;

import java.time.Duration;

/**
 * How the request log pipeline behaves ({@code platform.request-log.*}).
 *
 * @param queueCapacity   records held in memory while the writer catches up; beyond it new records are dropped
 * @param batchSize       rows per JDBC batch
 * @param maxBackoff      the longest wait between retries of a batch while the database is unavailable
 * @param shutdownTimeout how long stopping waits for the queue to reach the database
 */
public record RequestLogSettings(int queueCapacity, int batchSize, Duration maxBackoff, Duration shutdownTimeout) {
    public RequestLogSettings {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("platform.request-log.queue-capacity must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("platform.request-log.batch-size must be at least 1");
        }
        if (maxBackoff.isNegative() || shutdownTimeout.isNegative()) {
            throw new IllegalArgumentException("request log durations must not be negative");
        }
    }

    public static RequestLogSettings defaults() {
        return new RequestLogSettings(50_000, 500, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
