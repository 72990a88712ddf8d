package io.gatehouse.gateway.route;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A route as a caller writes it; absent fields take the contract's defaults. */
public record RouteSpec(String name, String pathPrefix, List<String> methods, String provider,
                        List<String> fallbackProviders, Boolean stripPrefix,
                        @JsonProperty("public") Boolean publicAccess, List<String> auth, Integer timeoutMs,
                        RetrySpec retry) {
    public static final int DEFAULT_TIMEOUT_MS = 30_000;

    public RouteSpec {
        methods = methods == null ? List.of() : List.copyOf(methods);
        fallbackProviders = fallbackProviders == null ? List.of() : List.copyOf(fallbackProviders);
        if (stripPrefix == null) {
            stripPrefix = true;
        }
        if (publicAccess == null) {
            publicAccess = false;
        }
        auth = auth == null ? List.of("BASIC", "AKSK", "JWT") : List.copyOf(auth);
        if (timeoutMs == null) {
            timeoutMs = DEFAULT_TIMEOUT_MS;
        }
        if (retry == null) {
            retry = RetrySpec.DEFAULT;
        }
    }
}
