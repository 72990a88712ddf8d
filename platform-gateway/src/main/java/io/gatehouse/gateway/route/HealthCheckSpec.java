package io.gatehouse.gateway.route;

/**
 * An active health check: every {@code intervalMs} the gateway sends {@code GET path} to each target; a 2xx or 3xx
 * within {@code timeoutMs} is a pass. {@code unhealthyThreshold} failures in a row take a target out of rotation,
 * {@code healthyThreshold} passes in a row bring it back.
 */
public record HealthCheckSpec(String path, Integer intervalMs, Integer timeoutMs, Integer healthyThreshold,
                              Integer unhealthyThreshold) {
    public HealthCheckSpec {
        if (path == null || path.isBlank()) {
            path = "/health";
        }
        if (intervalMs == null) {
            intervalMs = 10_000;
        }
        if (timeoutMs == null) {
            timeoutMs = 2_000;
        }
        if (healthyThreshold == null) {
            healthyThreshold = 2;
        }
        if (unhealthyThreshold == null) {
            unhealthyThreshold = 3;
        }
    }
}
