package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Map;

/**
 * A provider as a caller writes it. {@code headers} are injected into every upstream request; their values are
 * write-only. On replace, {@code headers == null} keeps the stored headers and an empty map removes them.
 */
public record ProviderSpec(String name, List<TargetSpec> targets, Integer connectTimeoutMs, Integer responseTimeoutMs,
                           Map<String, String> headers) {
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;

    public ProviderSpec {
        targets = targets == null ? List.of() : targets;
        if (connectTimeoutMs == null) {
            connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
        }
        if (responseTimeoutMs == null) {
            responseTimeoutMs = DEFAULT_RESPONSE_TIMEOUT_MS;
        }
    }

    @Override
    public String toString() {
        return "ProviderSpec[name=" + name + ", targets=" + targets + ", headers="
                + (headers == null ? "unchanged" : headers.keySet()) + "]";
    }
}
