package io.gatehouse.gateway.route;

/** One upstream address of a provider and its share of traffic. */
public record TargetSpec(String url, Integer weight) {
    public TargetSpec {
        if (weight == null) {
            weight = 1;
        }
    }
}
