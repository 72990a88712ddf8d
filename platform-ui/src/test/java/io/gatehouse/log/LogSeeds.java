package io.gatehouse.log;

import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.log.RequestLogWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Writes crafted call records through the real pipeline and waits until they are in the database. */
final class LogSeeds {
    private LogSeeds() {
    }

    static CallRecord call(String tenant, Instant at, String route, int status, String credential, String path,
                           String requestId) {
        String errorCode = status == 502 ? "upstream_connect_failed" : null;
        List<Attempt> attempts = route == null ? List.of()
                : List.of(new Attempt("p", "http://127.0.0.1:9", at, 1, status == 502 ? 0 : status, errorCode, "done"));
        return new CallRecord(requestId, at, tenant, route, credential, credential == null ? null : "BASIC", "GET",
                path, null, status, errorCode, 5, 1, "127.0.0.1", 0, 42, attempts);
    }

    static void drain(RequestLogWriter writer) {
        try {
            if (!writer.awaitDrained(Duration.ofSeconds(60))) {
                throw new AssertionError("request log did not drain: " + writer.counters());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
