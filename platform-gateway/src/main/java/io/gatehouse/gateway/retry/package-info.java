/**
 * Retry policy as plain functions: which failures count as which {@code retryOn} condition, whether a failed
 * attempt may be repeated (idempotency, body replay, deadline, budget) and why, and how long to back off.
 */
package io.gatehouse.gateway.retry;
