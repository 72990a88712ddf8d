package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Set;

/** A route ready for the data plane. {@code methods} empty means every method. */
public record CompiledRoute(String tenant, String name, String pathPrefix, Set<String> methods, boolean stripPrefix,
                            boolean publicAccess, Set<String> auth, int timeoutMs, RetrySpec retry,
                            CompiledProvider provider, List<CompiledProvider> fallbacks, boolean requireExp,
                            FaultSpec faults) {
    public CompiledRoute {
        fallbacks = List.copyOf(fallbacks); // once here, so per-call copies of it are free
    }

    /** A route without injected faults. */
    public CompiledRoute(String tenant, String name, String pathPrefix, Set<String> methods, boolean stripPrefix,
                         boolean publicAccess, Set<String> auth, int timeoutMs, RetrySpec retry,
                         CompiledProvider provider, List<CompiledProvider> fallbacks, boolean requireExp) {
        this(tenant, name, pathPrefix, methods, stripPrefix, publicAccess, auth, timeoutMs, retry, provider, fallbacks,
                requireExp, FaultSpec.NONE);
    }

    /** A route whose JWT callers need not send {@code exp}. */
    public CompiledRoute(String tenant, String name, String pathPrefix, Set<String> methods, boolean stripPrefix,
                         boolean publicAccess, Set<String> auth, int timeoutMs, RetrySpec retry,
                         CompiledProvider provider, List<CompiledProvider> fallbacks) {
        this(tenant, name, pathPrefix, methods, stripPrefix, publicAccess, auth, timeoutMs, retry, provider, fallbacks,
                false);
    }

    public boolean allows(String method) {
        return methods.isEmpty() || methods.contains(method);
    }

    /** Whether {@code path} (the part after the tenant slug) falls under this route's prefix. */
    boolean covers(String path) {
        if (pathPrefix.equals("/")) {
            return true;
        }
        return path.startsWith(pathPrefix)
                && (path.length() == pathPrefix.length() || path.charAt(pathPrefix.length()) == '/');
    }
}
