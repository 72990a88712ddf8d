package io.gatehouse.gateway.route;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A route as a caller writes it; absent fields take the contract's defaults. {@code requireExp}: JWT callers must
 * send tokens with an {@code exp} claim. {@code faults}: injected faults, off by default.
 */
public record RouteSpec(String name, String pathPrefix, List<String> methods, String provider,
                        List<String> fallbackProviders, Boolean stripPrefix,
                        @JsonProperty("public") Boolean publicAccess, List<String> auth, Integer timeoutMs,
                        RetrySpec retry, Boolean requireExp, FaultSpec faults) {
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
        if (requireExp == null) {
            requireExp = false;
        }
        if (faults == null) {
            faults = FaultSpec.NONE;
        }
    }

    /** A spec without injected faults. */
    public RouteSpec(String name, String pathPrefix, List<String> methods, String provider,
                     List<String> fallbackProviders, Boolean stripPrefix, Boolean publicAccess, List<String> auth,
                     Integer timeoutMs, RetrySpec retry, Boolean requireExp) {
        this(name, pathPrefix, methods, provider, fallbackProviders, stripPrefix, publicAccess, auth, timeoutMs, retry,
                requireExp, null);
    }

    /** A spec without JWT options ({@code requireExp} false). */
    public RouteSpec(String name, String pathPrefix, List<String> methods, String provider,
                     List<String> fallbackProviders, Boolean stripPrefix, Boolean publicAccess, List<String> auth,
                     Integer timeoutMs, RetrySpec retry) {
        this(name, pathPrefix, methods, provider, fallbackProviders, stripPrefix, publicAccess, auth, timeoutMs, retry,
                null, null);
    }

    /** The same spec with another name, prefix, methods and auth schemes (used when normalising). */
    RouteSpec with(String newName, String newPrefix, List<String> newMethods, List<String> newAuth) {
        return new RouteSpec(newName, newPrefix, newMethods, provider, fallbackProviders, stripPrefix, publicAccess,
                newAuth, timeoutMs, retry, requireExp, faults);
    }
}
