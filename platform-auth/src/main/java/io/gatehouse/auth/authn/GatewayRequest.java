package io.gatehouse.auth.authn;

import java.util.List;
import java.util.Map;

/**
 * What a verifier may see of a gateway request. Header names are lower-case; values are as received.
 *
 * @param rawPath  the path exactly as the client sent it, tenant segment included, not decoded
 * @param rawQuery the query without '?', not decoded; null when absent
 * @param body     the complete body when the gateway buffered it (needed for SigV4), otherwise null
 */
public record GatewayRequest(String method, String rawPath, String rawQuery, Map<String, List<String>> headers,
                             byte[] body) {

    /** The first value of a header, or null. */
    public String header(String lowerCaseName) {
        List<String> values = headers.get(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public String toString() {
        return "GatewayRequest[" + method + " " + rawPath + "]";
    }
}
