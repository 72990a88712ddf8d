package io.gatehouse.gateway.probe;

import io.gatehouse.gateway.log.CallRecord;
import java.util.Map;

/**
 * What a test call through a route gave: the status and selected headers the caller saw, the first bytes of the
 * body, the round trip as measured by the console, and the gateway's own record of the call (null if the call
 * never reached the gateway).
 *
 * @param problem why the test could not be made (gateway not listening, unreachable), else null
 */
public record RouteTestResult(String url, int status, Map<String, String> headers, String bodyPreview,
                              boolean bodyTruncated, long elapsedMs, CallRecord call, String problem) {
}
