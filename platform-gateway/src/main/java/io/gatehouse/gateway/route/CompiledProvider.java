package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Map;

/** A provider ready for the data plane: resolved targets, timeouts and decrypted headers (never printed). */
public final class CompiledProvider {
    private final String name;
    private final List<UpstreamTarget> targets;
    private final int totalWeight;
    private final int connectTimeoutMs;
    private final int responseTimeoutMs;
    private final Map<String, String> headers;

    CompiledProvider(String name, List<UpstreamTarget> targets, int connectTimeoutMs, int responseTimeoutMs,
                     Map<String, String> headers) {
        this.name = name;
        this.targets = List.copyOf(targets);
        this.totalWeight = targets.stream().mapToInt(UpstreamTarget::weight).sum();
        this.connectTimeoutMs = connectTimeoutMs;
        this.responseTimeoutMs = responseTimeoutMs;
        this.headers = Map.copyOf(headers);
    }

    /** Weighted choice; {@code roll} is uniform in [0, 1). */
    public UpstreamTarget pick(double roll) {
        int point = (int) (roll * totalWeight);
        for (UpstreamTarget target : targets) {
            point -= target.weight();
            if (point < 0) {
                return target;
            }
        }
        return targets.get(targets.size() - 1);
    }

    /** Weighted choice among targets not yet tried; all of them once every target was tried. */
    public UpstreamTarget pickExcluding(java.util.Collection<UpstreamTarget> tried, double roll) {
        if (tried.isEmpty() || targets.size() == 1) {
            return pick(roll);
        }
        List<UpstreamTarget> fresh = targets.stream().filter(t -> !tried.contains(t)).toList();
        if (fresh.isEmpty()) {
            return pick(roll);
        }
        int weight = fresh.stream().mapToInt(UpstreamTarget::weight).sum();
        int point = (int) (roll * weight);
        for (UpstreamTarget target : fresh) {
            point -= target.weight();
            if (point < 0) {
                return target;
            }
        }
        return fresh.get(fresh.size() - 1);
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

    /** Header values to inject upstream; secrets - keep them out of logs. */
    public Map<String, String> injectedHeaders() {
        return headers;
    }

    @Override
    public String toString() {
        return "CompiledProvider[" + name + ", targets=" + targets.size() + ", headers=" + headers.keySet() + "]";
    }
}
