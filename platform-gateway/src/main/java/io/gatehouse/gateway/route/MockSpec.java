package io.gatehouse.gateway.route;

/**
 * What a {@code mock} provider answers, inside the gateway: a fixed status and body after {@code latencyMs}, with
 * optional injected faults so an operator can watch a retry policy work before pointing a route at a real service.
 */
public record MockSpec(Integer status, String body, String contentType, Integer latencyMs, FaultSpec faults) {
    public static final MockSpec DEFAULT = new MockSpec(null, null, null, null, null);

    public MockSpec {
        if (status == null) {
            status = 200;
        }
        if (body == null) {
            body = "{\"mock\":true}";
        }
        if (contentType == null || contentType.isBlank()) {
            contentType = "application/json";
        }
        if (latencyMs == null) {
            latencyMs = 0;
        }
        if (faults == null) {
            faults = FaultSpec.NONE;
        }
    }
}
