package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Map;

/** Providers for tests outside this package (the constructors are package-private). */
public final class TestProviders {
    private TestProviders() {
    }

    /** A provider forwarding to one target, without injected headers. */
    public static CompiledProvider forwarding(String name, String url, int connectTimeoutMs, int responseTimeoutMs) {
        return new CompiledProvider(name, List.of(UpstreamTarget.of(new TargetSpec(url, 1))), connectTimeoutMs,
                responseTimeoutMs, Map.of());
    }
}
