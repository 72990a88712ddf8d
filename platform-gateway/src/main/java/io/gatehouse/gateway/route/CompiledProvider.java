package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Map;

/**
 * A provider ready for the data plane: resolved targets, timeouts and decrypted headers (never printed). A mock
 * provider has one virtual target, {@code mock://name}, and answers from {@link #mock()}.
 */
public final class CompiledProvider {
    private final String name;
    private final List<UpstreamTarget> targets;
    private final int connectTimeoutMs;
    private final int responseTimeoutMs;
    private final Map<String, String> headers;
    private final MockSpec mock;
    private final HealthCheckSpec healthCheck;

    CompiledProvider(String name, List<UpstreamTarget> targets, int connectTimeoutMs, int responseTimeoutMs,
                     Map<String, String> headers) {
        this(name, targets, connectTimeoutMs, responseTimeoutMs, headers, null, null);
    }

    CompiledProvider(String name, List<UpstreamTarget> targets, int connectTimeoutMs, int responseTimeoutMs,
                     Map<String, String> headers, MockSpec mock, HealthCheckSpec healthCheck) {
        this.name = name;
        this.mock = mock;
        this.healthCheck = healthCheck;
        this.targets = mock == null ? List.copyOf(targets) : List.of(UpstreamTarget.mock(name));
        this.connectTimeoutMs = connectTimeoutMs;
        this.responseTimeoutMs = responseTimeoutMs;
        this.headers = Map.copyOf(headers);
    }

    /** Weighted choice; {@code roll} is uniform in [0, 1). */
    public UpstreamTarget pick(double roll) {
        return weighted(targets, roll);
    }

    /** Weighted choice among targets not yet tried; all of them once every target was tried. */
    public UpstreamTarget pickExcluding(java.util.Collection<UpstreamTarget> tried, double roll) {
        List<UpstreamTarget> fresh = targets.stream().filter(t -> !tried.contains(t)).toList();
        return weighted(fresh.isEmpty() ? targets : fresh, roll);
    }

    /** Weighted choice from a non-empty list. */
    public static UpstreamTarget weighted(List<UpstreamTarget> candidates, double roll) {
        int total = candidates.stream().mapToInt(UpstreamTarget::weight).sum();
        int point = (int) (roll * total);
        for (UpstreamTarget target : candidates) {
            point -= target.weight();
            if (point < 0) {
                return target;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    public String name() {
        return name;
    }

    public List<UpstreamTarget> targets() {
        return targets;
    }

    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }

    public int responseTimeoutMs() {
        return responseTimeoutMs;
    }

    /** The mock answer, or null for a provider that forwards to real targets. */
    public MockSpec mock() {
        return mock;
    }

    /** The active health check, or null when targets are only checked passively. */
    public HealthCheckSpec healthCheck() {
        return healthCheck;
    }

    /** Header values to inject upstream; secrets - keep them out of logs. */
    public Map<String, String> injectedHeaders() {
        return headers;
    }

    @Override
    public String toString() {
        return "CompiledProvider[" + name + ", targets=" + targets.size() + ", headers=" + headers.keySet() + "]";
    }
}
