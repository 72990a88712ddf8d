package io.gatehouse.gateway.log;

import java.time.Instant;
import java.util.List;

/**
 * One stored request log row (contract section 5): the call as the gateway saw it, with its attempts. {@code id} is
 * the row's database id; {@code tenant} the slug the call was made to.
 */
public record LogEntry(long id, String requestId, Instant timestamp, String tenant, String route, String credentialId,
                       String credentialType, String method, String path, String query, int status, String errorCode,
                       long latencyMs, long upstreamLatencyMs, String clientIp, long bytesIn, long bytesOut,
                       List<Attempt> attempts) {
    public LogEntry {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }
}
