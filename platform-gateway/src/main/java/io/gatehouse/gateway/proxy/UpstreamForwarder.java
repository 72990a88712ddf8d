package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.health.UpstreamHealth;
import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.retry.AttemptPlan;
import io.gatehouse.gateway.retry.Backoff;
import io.gatehouse.gateway.retry.FailureKind;
import io.gatehouse.gateway.retry.RetryAfter;
import io.gatehouse.gateway.retry.RetryBudget;
import io.gatehouse.gateway.retry.RetryDecision;
import io.gatehouse.gateway.retry.RetryRules;
import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.CompiledRoute;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * Runs a call's attempts in order - the provider's targets with retries and backoff, then fallback providers -
 * within the route deadline, and streams the first acceptable answer back. A response already streaming to the
 * caller is never retried. Failures end in the contract's JSON error, explained.
 */
final class UpstreamForwarder {

    private final UpstreamClients clients;
    private final UpstreamHealth health;
    private final long replayBufferBytes;
    private final long bodyIdleTimeoutMs;
    private final Map<BudgetKey, RetryBudget> budgets = new ConcurrentHashMap<>();

    UpstreamForwarder(UpstreamClients clients, UpstreamHealth health, long replayBufferBytes, long bodyIdleTimeoutMs) {
        this.clients = clients;
        this.health = health;
        this.replayBufferBytes = replayBufferBytes;
        this.bodyIdleTimeoutMs = bodyIdleTimeoutMs;
    }

    /**
     * @param bufferedBody the whole body when the gateway already read it (signed requests); null otherwise
     * @param caller       what to tell the upstream about the authenticated caller
     */
    void forward(ProxyHandler.Exchange exchange, byte[] bufferedBody, CallerHeaders caller) {
        CallerRequest request = exchange.request();
        CompiledRoute route = exchange.route();
        String uriPath = route.stripPrefix() ? exchange.rest() : exchange.path().path();
        if (bufferedBody != null || !hasBody(request)) {
            byte[] body = bufferedBody == null ? new byte[0] : bufferedBody;
            exchange.trace().bytesIn = body.length;
            run(new GatewayCall(exchange, uriPath, caller, body, false));
            return;
        }
        long length = contentLength(request);
        if (route.retry().maxAttempts() > 1 && length >= 0 && length <= replayBufferBytes) {
            SignedBodyReader.read(request.receive(), replayBufferBytes, new SignedBodyReader.Receiver() {
                @Override
                public void body(byte[] body) {
                    try {
                        exchange.trace().bytesIn = body.length;
                        run(new GatewayCall(exchange, uriPath, caller, body, false));
                    } catch (RuntimeException e) {
                        exchange.response().fail(e);
                    }
                }

                @Override
                public void failed(Throwable error) {
                    exchange.response().fail(error);
                }
            });
            return;
        }
        run(new GatewayCall(exchange, uriPath, caller, null, true));
    }

    private void run(GatewayCall call) {
        budget(call.route, call.route.provider()).recordRequest();
        call.response.whenEnded(() -> {
            call.releaseRetryToken();
            if (call.enteredProvider != null) {
                health.release(call.route.tenant(), call.enteredProvider.name());
            }
            if (call.streamedBody) {
                call.trace.bytesIn = call.request.bodyBytesRead();
            }
        });
        attempt(call, 0);
    }

    private void attempt(GatewayCall call, int slot) {
        if (call.response.cancelled()) {
            return;
        }
        CompiledProvider provider = call.plan.providerAt(slot);
        String tenant = call.route.tenant();
        UpstreamTarget target = chooseHealthyTarget(call, provider);
        if (target == null) {
            unavailable(call, slot, provider, new GatewayError(503, "no_healthy_upstream", "every target of"
                    + " provider '" + provider.name() + "' is out of rotation (ejected after repeated failures or DOWN"
                    + " by its active health check) - check the upstream; targets come back automatically"));
            return;
        }
        if (call.enteredProvider != provider) {
            if (!health.tryEnter(tenant, provider.name())) {
                unavailable(call, slot, provider, new GatewayError(503, "circuit_open", "the circuit breaker"
                        + " of provider '" + provider.name() + "' is open because most recent calls failed - calls"
                        + " are refused fast for 30 s, then a few trial calls test the upstream again"));
                return;
            }
            call.enteredProvider = provider;
            call.enteredAtNanos = System.nanoTime();
        }
        call.tried.add(target);
        new AttemptRun(this, call, slot, provider, target).start();
    }

    /** Starts the real exchange of an attempt with its target. */
    UpstreamExchange send(AttemptRun attempt) {
        return clients.exchange(attempt.call.request, upstreamRequest(attempt), attempt);
    }

    /** Runs the attempt in {@code slot} after {@code waitMs}, unless the call is cancelled meanwhile. */
    private void retryAfter(GatewayCall call, int slot, long waitMs) {
        if (waitMs <= 0) {
            attempt(call, slot);
            return;
        }
        ScheduledFuture<?> backoff = call.request.eventLoop().schedule(() -> {
            try {
                attempt(call, slot);
            } catch (RuntimeException e) {
                call.response.fail(e);
            }
        }, waitMs, TimeUnit.MILLISECONDS);
        call.response.whileWaiting(() -> backoff.cancel(false));
    }

    /** A response head arrived: pass it through, or drop it and retry. */
    void answered(AttemptRun at, UpstreamAnswer answer, String injectedNote) {
        GatewayCall call = at.call;
        long latency = at.millisSinceStart();
        int status = answer.status().code();
        boolean failed = status >= 500 && at.feedsHealth;
        health.recordAttempt(call.route.tenant(), at.provider.name(), at.target.origin(), failed);
        AttemptPlan.Next next = call.plan.afterStatus(at.slot, status);
        long wait = next.exists() ? waitBefore(call, next.slot(), answer.headers(), status) : 0;
        RetryDecision decision = decide(call, next, RetryRules.Outcome.status(status), wait);
        call.attempts.add(new Attempt(at.provider.name(), at.target.origin(), at.startedAt, latency, status, null,
                injectedNote + decision.reason()));
        if (decision.retry()) {
            leaveProviderIfSwitching(call, next.slot(), true);
            answer.discard(() -> {
                if (!call.response.cancelled()) {
                    retryAfter(call, next.slot(), wait);
                }
            });
            return;
        }
        leaveProvider(call, failed);
        call.response.status(answer.status());
        call.response.headers(HeaderHygiene.forCaller(answer.headers()));
        timingHeaders(call, latency);
        call.trace.upstreamLatencyMs = latency;
        byte[] whole = answer.wholeBody();
        if (whole != null) {
            call.trace.bytesOut += whole.length;
            call.response.sendBytes(whole);
            return;
        }
        call.response.send(answer.body(), new CallerResponse.BodyObserver() {
            @Override
            public void sent(int bytes) {
                call.trace.bytesOut += bytes;
            }

            @Override
            public void failed(Throwable error) {
                bodyCutShort(call, error);
            }
        });
    }

    /**
     * The upstream failed after its head went to the caller (a stall past the body idle timeout, a reset, a close
     * before the end): the caller's connection is closed, which is all HTTP/1.1 can say at that point, and the log
     * records why - the error code and, on the last attempt, what happened to the body. A caller that went away is
     * not the upstream's failure and is not recorded as one.
     */
    private static void bodyCutShort(GatewayCall call, Throwable error) {
        if (error instanceof java.util.concurrent.CancellationException || call.attempts.isEmpty()) {
            return;
        }
        call.trace.errorCode = error instanceof UpstreamExchange.BodyStalledException ? "upstream_timeout"
                : "upstream_reset";
        int last = call.attempts.size() - 1;
        Attempt a = call.attempts.get(last);
        call.attempts.set(last, new Attempt(a.provider(), a.target(), a.startedAt(), a.latencyMs(), a.status(),
                call.trace.errorCode, a.decision() + "; " + Attempt.BODY_CUT_SHORT + " after " + call.trace.bytesOut
                        + " bytes: " + describe(error)));
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    static InjectedFault rollFault(CompiledRoute route, CompiledProvider provider) {
        InjectedFault fault = InjectedFault.roll(route.faults(), ThreadLocalRandom.current().nextDouble(100),
                InjectedFault.ROUTE);
        if (fault.none() && provider.mock() != null) {
            fault = InjectedFault.roll(provider.mock().faults(), ThreadLocalRandom.current().nextDouble(100),
                    InjectedFault.MOCK);
        }
        return fault;
    }

    /** An attempt got no response head: retry, fail over, or answer the caller with the explained error. */
    void failed(AttemptRun at, Throwable error) {
        GatewayCall call = at.call;
        if (call.response.hasSentHeaders()) {
            call.response.fail(error);
            return;
        }
        CompiledProvider provider = at.provider;
        UpstreamTarget target = at.target;
        long latency = at.millisSinceStart();
        CompiledRoute route = call.route;
        GatewayError explained = UpstreamFailures.explain(error, target, provider.connectTimeoutMs(),
                provider.responseTimeoutMs(), route.timeoutMs());
        FailureKind kind = UpstreamFailures.kindOf(error);
        if (kind == FailureKind.RESET && at.reuse.reused() && !call.staleConnectionRetried
                && call.retryContext.bodyReplayable() && call.retryContext.mayRepeatSentRequest()
                && call.remainingMs() > 0) {
            call.staleConnectionRetried = true;
            call.attempts.add(new Attempt(provider.name(), target.origin(), at.startedAt, latency, 0,
                    explained.code(), "the upstream closed a reused keep-alive connection before answering (idle"
                    + " keep-alive race); retrying once at once on a new connection"));
            retryAfter(call, at.slot, 0);
            return;
        }
        boolean feedsHealth = !(error instanceof InjectedFailure injected) || injected.feedsHealth();
        if ((kind != null || error instanceof TimeoutException) && feedsHealth) {
            health.recordAttempt(route.tenant(), provider.name(), target.origin(), true);
        }
        if (kind == null) {
            String why = error instanceof TimeoutException ? "route deadline of " + route.timeoutMs() + " ms passed"
                    : "not retryable";
            call.attempts.add(new Attempt(provider.name(), target.origin(), at.startedAt, latency, 0,
                    explained.code(), why));
            leaveProvider(call, error instanceof TimeoutException);
            answerError(call, withAttempts(explained, call));
            return;
        }
        AttemptPlan.Next next = call.plan.afterFailure(at.slot, kind);
        long wait = next.exists() ? waitBefore(call, next.slot(), null, 0) : 0;
        RetryDecision decision = decide(call, next, RetryRules.Outcome.failure(kind), wait);
        call.attempts.add(new Attempt(provider.name(), target.origin(), at.startedAt, latency, 0, explained.code(),
                decision.reason()));
        if (decision.retry()) {
            leaveProviderIfSwitching(call, next.slot(), feedsHealth);
            retryAfter(call, next.slot(), wait);
            return;
        }
        leaveProvider(call, feedsHealth);
        answerError(call, withAttempts(explained, call));
    }

    private static void answerError(GatewayCall call, GatewayError error) {
        timingHeaders(call, -1);
        ErrorResponder.send(call.response, error, call.trace);
    }

    /** Tells the breaker how the call went on the provider it is leaving. */
    private void leaveProvider(GatewayCall call, boolean failed) {
        CompiledProvider provider = call.enteredProvider;
        if (provider != null) {
            health.recordCall(call.route.tenant(), provider.name(), failed, millisSince(call.enteredAtNanos));
            call.enteredProvider = null;
        }
    }

    private void leaveProviderIfSwitching(GatewayCall call, int nextSlot, boolean failed) {
        if (call.plan.providerAt(nextSlot) != call.enteredProvider) {
            leaveProvider(call, failed);
        }
    }

    private void unavailable(GatewayCall call, int slot, CompiledProvider provider, GatewayError error) {
        AttemptPlan.Next next = call.plan.afterProviderUnavailable(slot);
        String decision = next.exists() ? "provider unavailable; trying " + describe(call, next.slot())
                : "provider unavailable; " + next.whyNot();
        call.attempts.add(new Attempt(provider.name(), null, Instant.now(), 0, 0, error.code(), decision));
        if (next.exists()) {
            attempt(call, next.slot());
            return;
        }
        answerError(call, error);
    }

    private UpstreamTarget chooseHealthyTarget(GatewayCall call, CompiledProvider provider) {
        List<UpstreamTarget> targets = provider.targets();
        if (targets.size() == 1) {
            UpstreamTarget only = targets.get(0);
            return health.isEjected(call.route.tenant(), provider.name(), only.origin()) ? null : only;
        }
        List<UpstreamTarget> healthy = new ArrayList<>(targets.size());
        List<UpstreamTarget> fresh = new ArrayList<>(targets.size());
        for (UpstreamTarget target : targets) {
            if (!health.isEjected(call.route.tenant(), provider.name(), target.origin())) {
                healthy.add(target);
                if (!call.tried.contains(target)) {
                    fresh.add(target);
                }
            }
        }
        if (healthy.isEmpty()) {
            return null;
        }
        return CompiledProvider.weighted(fresh.isEmpty() ? healthy : fresh, ThreadLocalRandom.current().nextDouble());
    }

    private RetryDecision decide(GatewayCall call, AttemptPlan.Next next, RetryRules.Outcome outcome, long wait) {
        call.releaseRetryToken();
        int made = call.attempts.size() + 1;
        String nextName = next.exists() ? describe(call, next.slot()) : null;
        RetryDecision decision = RetryRules.decide(call.retryContext, outcome, nextName, next.whyNot(), made,
                call.remainingMs(), wait, true);
        if (decision.retry() && !call.plan.isFallback(next.slot())) {
            RetryBudget budget = budget(call.route, call.plan.providerAt(next.slot()));
            if (!budget.tryAcquire()) {
                return RetryRules.decide(call.retryContext, outcome, nextName, next.whyNot(), made, call.remainingMs(),
                        wait, false);
            }
            call.heldBudget = budget;
        }
        return decision;
    }

    private long waitBefore(GatewayCall call, int nextSlot, HttpHeaders responseHeaders, int status) {
        if (call.plan.isFallback(nextSlot)) {
            return 0;
        }
        long backoff = Backoff.delayMs(call.attempts.size() + 1, call.route.retry().initialBackoffMs(),
                call.route.retry().maxBackoffMs(), () -> ThreadLocalRandom.current().nextDouble());
        if (responseHeaders != null && (status == 429 || status == 503)) {
            return RetryAfter.parse(responseHeaders.get(HttpHeaderNames.RETRY_AFTER), Instant.now())
                    .map(Duration::toMillis).orElse(backoff);
        }
        return backoff;
    }

    private UpstreamRequest upstreamRequest(AttemptRun attempted) {
        GatewayCall call = attempted.call;
        CompiledProvider provider = attempted.provider;
        UpstreamTarget target = attempted.target;
        String uri = PathJoin.join(target.basePath(), call.uriPath, call.rawQuery);
        HttpHeaders headers = upstreamHeaders(call, provider);
        headers.set(HttpHeaderNames.HOST, target.authority());
        if (call.body != null) {
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            headers.set(HttpHeaderNames.CONTENT_LENGTH, call.body.length);
            return new UpstreamRequest(target, call.request.method(), uri, headers, call.body, null,
                    provider.connectTimeoutMs(), provider.responseTimeoutMs(), bodyIdleTimeoutMs, attempted.reuse,
                    call.deadlineNanos);
        }
        // Streamed body: only ever sent once (a later attempt happens only after a connect failure sent nothing).
        return new UpstreamRequest(target, call.request.method(), uri, headers, null, call.request.receive(),
                provider.connectTimeoutMs(), provider.responseTimeoutMs(), bodyIdleTimeoutMs, attempted.reuse,
                call.deadlineNanos);
    }

    private static HttpHeaders upstreamHeaders(GatewayCall call, CompiledProvider provider) {
        CallerRequest request = call.request;
        HttpHeaders headers = HeaderHygiene.forUpstream(request.requestHeaders());
        call.caller.removed().forEach(headers::remove);
        provider.injectedHeaders().forEach(headers::set);
        String clientIp = request.clientIp();
        String priorFor = request.requestHeaders().get(HeaderNames.X_FORWARDED_FOR);
        headers.set(HeaderNames.X_FORWARDED_FOR, priorFor == null || priorFor.isBlank() ? clientIp
                : priorFor + ", " + clientIp);
        headers.set(HeaderNames.X_FORWARDED_PROTO, request.scheme());
        String host = request.requestHeaders().get(HttpHeaderNames.HOST);
        if (host != null) {
            headers.set(HeaderNames.X_FORWARDED_HOST, host);
        }
        headers.set(HeaderNames.X_REQUEST_ID, call.requestId);
        headers.set(HeaderNames.TRACEPARENT, TraceParent.forUpstream(request.requestHeaders().get(HeaderNames.TRACEPARENT)));
        if (call.caller.credentialId() != null) {
            headers.set(HeaderNames.X_GATEHOUSE_CREDENTIAL, call.caller.credentialId());
        }
        return headers;
    }

    private static void timingHeaders(GatewayCall call, long upstreamLatencyMs) {
        call.response.header(HeaderNames.X_REQUEST_ID, call.requestId);
        call.response.header(HeaderNames.X_GATEWAY_ATTEMPTS, Integer.toString(call.attempts.size()));
        call.response.header(HeaderNames.X_GATEWAY_LATENCY, Long.toString(call.elapsedMs()));
        if (upstreamLatencyMs >= 0) {
            call.response.header(HeaderNames.X_UPSTREAM_LATENCY, Long.toString(upstreamLatencyMs));
        }
    }

    private static GatewayError withAttempts(GatewayError error, GatewayCall call) {
        int n = call.attempts.size();
        return n <= 1 ? error : new GatewayError(error.status(), error.code(), error.message() + " (after " + n
                + " attempts: " + String.join("; ", call.attempts.stream().map(a -> a.target() + " "
                + (a.status() > 0 ? String.valueOf(a.status()) : a.errorCode())).toList()) + ")");
    }

    private static String describe(GatewayCall call, int slot) {
        CompiledProvider provider = call.plan.providerAt(slot);
        return call.plan.isFallback(slot) ? "fallback provider '" + provider.name() + "'" : "provider '"
                + provider.name() + "' again";
    }

    private RetryBudget budget(CompiledRoute route, CompiledProvider provider) {
        return budgets.computeIfAbsent(new BudgetKey(route.tenant(), provider.name()), k -> RetryBudget.standard());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000L;
    }

    static boolean hasBody(CallerRequest request) {
        HttpHeaders headers = request.requestHeaders();
        if (headers.containsValue(HttpHeaderNames.TRANSFER_ENCODING, "chunked", true)) {
            return true;
        }
        String length = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        return length != null && !length.equals("0");
    }

    private static long contentLength(CallerRequest request) {
        String length = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A retry budget's key: one budget per tenant's provider. */
    private record BudgetKey(String tenant, String provider) {
    }

    /** Headers to drop before forwarding (the caller's gateway credential) and the credential id to announce. */
    record CallerHeaders(List<AsciiString> removed, String credentialId) {
        static final CallerHeaders PUBLIC = new CallerHeaders(List.of(), null);
    }
}
