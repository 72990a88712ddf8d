package io.gatehouse.gateway.explain;

import java.util.List;

/**
 * The route and provider settings in force for a call, as far as they are known now (any part may be null: the route
 * or provider may have been changed or deleted since). Used only to word the explanation more precisely.
 *
 * @param healthCheckPath the provider's active health check path, or null when it has none
 */
public record CallSettings(Integer connectTimeoutMs, Integer responseTimeoutMs, Integer routeTimeoutMs,
                           Integer maxAttempts, List<String> retryOn, String healthCheckPath) {
    public static final CallSettings UNKNOWN = new CallSettings(null, null, null, null, null, null);

    public CallSettings {
        retryOn = retryOn == null ? null : List.copyOf(retryOn);
    }
}
