package io.gatehouse.gateway.route;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A provider as callers may read it: injected header names only, never their values. {@code mock} and
 * {@code healthCheck} are null when not used.
 */
public record ProviderView(String name, String type, List<TargetSpec> targets, int connectTimeoutMs,
                           int responseTimeoutMs, List<String> headers, MockSpec mock, HealthCheckSpec healthCheck,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
