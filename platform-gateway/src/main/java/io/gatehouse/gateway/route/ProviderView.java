package io.gatehouse.gateway.route;

import java.time.OffsetDateTime;
import java.util.List;

/** A provider as callers may read it: injected header names only, never their values. */
public record ProviderView(String name, List<TargetSpec> targets, int connectTimeoutMs, int responseTimeoutMs,
                           List<String> headers, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
