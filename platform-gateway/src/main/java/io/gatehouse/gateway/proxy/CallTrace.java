package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.CallRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What is known about one gateway request while it runs, filled in as routing, authentication and attempts go;
 * becomes a {@link CallRecord} when the response is done. Touched by one step at a time.
 */
final class CallTrace {
    final String requestId;
    final long startNanos = System.nanoTime();
    final Instant startedAt = Instant.now();
    final String method;
    final String clientIp;
    final List<Attempt> attempts = new ArrayList<>();
    String tenant;
    String path;
    String query;
    String route;
    String credentialId;
    String credentialType;
    String errorCode;
    long upstreamLatencyMs = -1;
    long bytesIn;
    long bytesOut;

    CallTrace(String requestId, String method, String clientIp) {
        this.requestId = requestId;
        this.method = method;
        this.clientIp = clientIp;
    }

    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    CallRecord toRecord(int status) {
        return new CallRecord(requestId, startedAt, tenant, route, credentialId, credentialType, method, path, query,
                status, errorCode, elapsedMs(), Math.max(0, upstreamLatencyMs), clientIp, bytesIn, bytesOut, attempts);
    }
}
