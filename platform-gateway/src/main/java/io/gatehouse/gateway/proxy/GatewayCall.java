package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.retry.AttemptPlan;
import io.gatehouse.gateway.retry.RetryBudget;
import io.gatehouse.gateway.retry.RetryContext;
import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.CompiledRoute;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.gatehouse.gateway.log.Attempt;
import java.util.ArrayList;
import java.util.List;

/**
 * The state of one gateway call across its attempts. Touched by one attempt at a time (attempts run strictly in
 * sequence), so plain collections suffice.
 */
final class GatewayCall {
    final CallerRequest request;
    final CallerResponse response;
    final CompiledRoute route;
    final String uriPath;
    final String rawQuery;
    final String requestId;
    final UpstreamForwarder.CallerHeaders caller;
    /** The whole body when held in memory (replayable); null when streamed or absent. */
    final byte[] body;
    final boolean streamedBody;
    final AttemptPlan<CompiledProvider> plan;
    final RetryContext retryContext;
    final long startNanos;
    final long deadlineNanos;
    final CallTrace trace;
    final List<Attempt> attempts;
    /** Targets this call tried, in order (a handful at most, so a list). */
    final List<UpstreamTarget> tried = new ArrayList<>(2);
    /** The provider whose circuit breaker admitted this call, until the call is done with it. */
    CompiledProvider enteredProvider;
    long enteredAtNanos;
    /**
     * The retry token that admitted the attempt in flight; released as soon as that attempt's outcome is known (or
     * the call ends), so one call never holds more than one token.
     */
    RetryBudget heldBudget;
    /** The one automatic retry after a reused keep-alive connection failed before any response byte was used. */
    boolean staleConnectionRetried;

    void releaseRetryToken() {
        if (heldBudget != null) {
            heldBudget.release();
            heldBudget = null;
        }
    }

    GatewayCall(ProxyHandler.Exchange exchange, String uriPath, UpstreamForwarder.CallerHeaders caller, byte[] body,
                boolean streamedBody) {
        this.trace = exchange.trace();
        this.request = exchange.request();
        this.response = exchange.response();
        this.route = exchange.route();
        this.uriPath = uriPath;
        this.rawQuery = exchange.path().rawQuery();
        this.requestId = trace.requestId;
        this.attempts = trace.attempts;
        this.caller = caller;
        this.body = body;
        this.streamedBody = streamedBody;
        this.plan = new AttemptPlan<>(route.provider(), route.retry().maxAttempts(), route.fallbacks(),
                route.retry().retryOn());
        this.retryContext = new RetryContext(request.method().name(), route.retry().retryNonIdempotent(),
                request.requestHeaders().contains("Idempotency-Key"), !streamedBody);
        this.startNanos = trace.startNanos;
        this.deadlineNanos = startNanos + route.timeoutMs() * 1_000_000L;
    }

    long remainingMs() {
        return Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000L);
    }

    long elapsedMs() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }
}
