package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Map;

/**
 * A provider as a caller writes it. {@code headers} are injected into every upstream request; their values are
 * write-only. On replace, {@code headers == null} keeps the stored headers and an empty map removes them.
 * {@code type} is {@code http} (forward to {@code targets}) or {@code mock} (answer inside the gateway from
 * {@code mock}, no targets). {@code healthCheck} (http only) turns on active health checking.
 */
public record ProviderSpec(String name, String type, List<TargetSpec> targets, Integer connectTimeoutMs,
                           Integer responseTimeoutMs, Map<String, String> headers, MockSpec mock,
                           HealthCheckSpec healthCheck) {
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
    public static final int DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
    public static final String HTTP = "http";
    public static final String MOCK = "mock";

    public ProviderSpec {
        if (type == null || type.isBlank()) {
            type = HTTP;
        }
        if (MOCK.equals(type) && mock == null) {
            mock = MockSpec.DEFAULT;
        }
        targets = targets == null ? List.of() : targets;
        if (connectTimeoutMs == null) {
            connectTimeoutMs = DEFAULT_CONNECT_TIMEOUT_MS;
        }
        if (responseTimeoutMs == null) {
            responseTimeoutMs = DEFAULT_RESPONSE_TIMEOUT_MS;
        }
    }

    /** An http provider without a health check. */
    public ProviderSpec(String name, List<TargetSpec> targets, Integer connectTimeoutMs, Integer responseTimeoutMs,
                        Map<String, String> headers) {
        this(name, HTTP, targets, connectTimeoutMs, responseTimeoutMs, headers, null, null);
    }

    /** A mock provider: answers inside the gateway. */
    public static ProviderSpec mock(String name, MockSpec mock) {
        return new ProviderSpec(name, MOCK, List.of(), null, null, null, mock, null);
    }

    public boolean isMock() {
        return MOCK.equals(type);
    }

    /** The same spec under another name. */
    ProviderSpec named(String newName) {
        return new ProviderSpec(newName, type, targets, connectTimeoutMs, responseTimeoutMs, headers, mock, healthCheck);
    }

    @Override
    public String toString() {
        return "ProviderSpec[name=" + name + ", type=" + type + ", targets=" + targets + ", mock=" + mock
                + ", healthCheck=" + healthCheck + ", headers="
                + (headers == null ? "unchanged" : headers.keySet()) + "]";
    }
}
