/**
 * Upstream health as the data plane sees it: passive outlier detection per target (ejection after consecutive
 * failures, for a growing period), a circuit breaker per provider (resilience4j), and optional active health checks
 * (a periodic {@code GET} of each target's health path; failing targets go DOWN and out of rotation). In memory;
 * readable by the console to show each target's live state.
 */
package io.gatehouse.gateway.health;
