package io.gatehouse.gateway.log;

import java.time.Instant;
import java.util.List;

/**
 * One gateway request as the request log stores it (contract section 5). Never a secret, an Authorization value
 * or a body. {@code route}, {@code credentialId} and {@code credentialType} are null when the call was refused
 * before they were known; {@code errorCode} is null when an upstream answered.
 */
public record CallRecord(String requestId, Instant timestamp, String tenant, String route, String credentialId,
                         String credentialType, String method, String path, String query, int status,
                         String errorCode, long latencyMs, long upstreamLatencyMs, String clientIp, long bytesIn,
                         long bytesOut, List<Attempt> attempts) {
    public CallRecord {
        attempts = List.copyOf(attempts);
    }
}
