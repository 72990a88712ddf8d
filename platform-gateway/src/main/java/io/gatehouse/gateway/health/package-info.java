/**
 * Upstream health as the data plane sees it: passive outlier detection per target (ejection after consecutive
 * failures, for a growing period) and a circuit breaker per provider (resilience4j). In memory; readable by the
 * console to show each target's live state.
 */
package io.gatehouse.gateway.health;
