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
import io.gatehouse.gateway.route.MockSpec;
import io.gatehouse.gateway.route.CompiledRoute;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs a call's attempts in order - the provider's targets with retries and backoff, then fallback providers -
 * within the route deadline, and streams the first acceptable answer back. A response already streaming to the
 * caller is never retried. Failures end in the contract's JSON error, explained.
 */
final class UpstreamForwarder {

    /**
     * With a fallback, {@code timeout} does not describe the source chain for its own exception (Reactor walks the
     * whole operator chain for that description, on every call).
     */
    private static final Mono<Step> DEADLINE_PASSED = Mono.error(() -> new TimeoutException("route deadline passed"));

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
    Mono<Void> forward(ProxyHandler.Exchange exchange, byte[] bufferedBody, CallerHeaders caller) {
        CallerRequest request = exchange.request();
        CompiledRoute route = exchange.route();
        String uriPath = route.stripPrefix() ? exchange.rest() : exchange.path().path();
        if (bufferedBody != null || !hasBody(request)) {
            byte[] body = bufferedBody == null ? new byte[0] : bufferedBody;
            exchange.trace().bytesIn = body.length;
            return run(new GatewayCall(exchange, uriPath, caller, body, false));
        }
        long length = contentLength(request);
        if (route.retry().maxAttempts() > 1 && length >= 0 && length <= replayBufferBytes) {
            return SignedBodyReader.read(request.receive(), replayBufferBytes)
                    .flatMap(body -> {
                        exchange.trace().bytesIn = body.length;
                        return run(new GatewayCall(exchange, uriPath, caller, body, false));
                    });
        }
        return run(new GatewayCall(exchange, uriPath, caller, null, true));
    }

    private Mono<Void> run(GatewayCall call) {
        budget(call.route, call.route.provider()).recordRequest();
        return attempt(call, 0).doFinally(signal -> {
            call.releaseRetryToken();
            if (call.enteredProvider != null) {
                health.release(call.route.tenant(), call.enteredProvider.name());
            }
        });
    }

    private Mono<Void> attempt(GatewayCall call, int slot) {
        CompiledProvider provider = call.plan.providerAt(slot);
        String tenant = call.route.tenant();
        UpstreamTarget target = chooseHealthyTarget(call, provider);
        if (target == null) {
            return unavailable(call, slot, provider, new GatewayError(503, "no_healthy_upstream", "every target of"
                    + " provider '" + provider.name() + "' is out of rotation (ejected after repeated failures or DOWN"
                    + " by its active health check) - check the upstream; targets come back automatically"));
        }
        if (call.enteredProvider != provider) {
            if (!health.tryEnter(tenant, provider.name())) {
                return unavailable(call, slot, provider, new GatewayError(503, "circuit_open", "the circuit breaker"
                        + " of provider '" + provider.name() + "' is open because most recent calls failed - calls"
                        + " are refused fast for 30 s, then a few trial calls test the upstream again"));
            }
            call.enteredProvider = provider;
            call.enteredAtNanos = System.nanoTime();
        }
        call.tried.add(target);
        long remaining = call.remainingMs();
        Instant startedAt = Instant.now();
        long attemptStart = System.nanoTime();
        AtomicBoolean headReceived = new AtomicBoolean();
        Mono<Long> deadline = Mono.delay(Duration.ofMillis(Math.max(1, remaining)), clients.timer(call.request))
                .flatMap(tick -> headReceived.get() ? Mono.<Long>never() : Mono.just(tick));
        ConnectionReuse reuse = new ConnectionReuse();
        return exchange(call, slot, provider, target, startedAt, attemptStart, headReceived, reuse)
                .timeout(deadline, DEADLINE_PASSED)
                .onErrorResume(error -> failed(call, slot, provider, target, startedAt, attemptStart, error, reuse))
                .flatMap(step -> switch (step.kind()) {
                    case DONE -> Mono.<Void>empty();
                    case RETRY -> Mono.delay(Duration.ofMillis(step.waitMs())).then(attempt(call, step.slot()));
                    case FAIL -> {
                        timingHeaders(call, -1);
                        yield ErrorResponder.send(call.response, step.error(), call.trace);
                    }
                });
    }

    /** One attempt's exchange: injected fault, mock answer or a real call, ending in what to do next. */
    private Mono<Step> exchange(GatewayCall call, int slot, CompiledProvider provider, UpstreamTarget target,
                                Instant startedAt, long attemptStart, AtomicBoolean headReceived,
                                ConnectionReuse reuse) {
        InjectedFault fault = rollFault(call.route, provider);
        Attempted attempted = new Attempted(call, slot, provider, target, startedAt, attemptStart, headReceived,
                fault.none() || fault.feedsHealth(), reuse);
        return switch (fault.kind()) {
            case ERROR -> Mono.defer(() -> answered(attempted, UpstreamAnswer.local(fault.errorStatus(),
                    "application/json", Faults.errorBody(fault)), "injected " + fault.errorStatus() + " ("
                    + fault.source() + "); "));
            case RESET -> Mono.error(Faults.reset(target, fault));
            case DELAY -> Faults.delayed(fault.delayMs(), provider, target, "injected delay (" + fault.source() + ")",
                    fault.feedsHealth(), realOrMock(attempted));
            case NONE -> realOrMock(attempted);
        };
    }

    private Mono<Step> realOrMock(Attempted attempted) {
        MockSpec mock = attempted.provider.mock();
        if (mock != null) {
            Mono<Step> answer = Mono.defer(() -> answered(attempted,
                    UpstreamAnswer.local(mock.status(), mock.contentType(), mock.body()), ""));
            return mock.latencyMs() == 0 ? answer
                    : Faults.delayed(mock.latencyMs(), attempted.provider, attempted.target, "mock latency", true,
                    answer);
        }
        return clients.exchange(attempted.call.request, upstreamRequest(attempted))
                .flatMap(answer -> answered(attempted, answer, ""));
    }

    /** A response head arrived: pass it through, or drop it and retry. */
    private Mono<Step> answered(Attempted at, UpstreamAnswer answer, String injectedNote) {
        GatewayCall call = at.call;
        at.headReceived.set(true);
        long latency = millisSince(at.attemptStart);
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
            return answer.discard().then(Mono.just(Step.retry(next.slot(), wait)));
        }
        leaveProvider(call, failed);
        call.response.status(answer.status());
        call.response.headers(HeaderHygiene.forCaller(answer.headers()));
        timingHeaders(call, latency);
        call.trace.upstreamLatencyMs = latency;
        Publisher<ByteBuf> body = answer.body();
        // A Mono stays a Mono (mock and injected answers): Reactor Netty writes head and body as one message.
        Publisher<ByteBuf> counted = body instanceof Mono<ByteBuf> whole
                ? whole.doOnNext(chunk -> call.trace.bytesOut += chunk.readableBytes())
                : Flux.from(body).doOnNext(chunk -> call.trace.bytesOut += chunk.readableBytes());
        return call.response.send(counted).then()
                .doOnError(error -> bodyCutShort(call, error))
                .thenReturn(Step.DONE);
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

    private static InjectedFault rollFault(CompiledRoute route, CompiledProvider provider) {
        InjectedFault fault = InjectedFault.roll(route.faults(), ThreadLocalRandom.current().nextDouble(100),
                InjectedFault.ROUTE);
        if (fault.none() && provider.mock() != null) {
            fault = InjectedFault.roll(provider.mock().faults(), ThreadLocalRandom.current().nextDouble(100),
                    InjectedFault.MOCK);
        }
        return fault;
    }

    /** Where one attempt stands. */
    private record Attempted(GatewayCall call, int slot, CompiledProvider provider, UpstreamTarget target,
                             Instant startedAt, long attemptStart, AtomicBoolean headReceived, boolean feedsHealth,
                             ConnectionReuse reuse) {
    }

    private Mono<Step> failed(GatewayCall call, int slot, CompiledProvider provider, UpstreamTarget target,
                              Instant startedAt, long attemptStart, Throwable error, ConnectionReuse reuse) {
        if (call.response.hasSentHeaders()) {
            return Mono.error(error);
        }
        long latency = millisSince(attemptStart);
        CompiledRoute route = call.route;
        GatewayError explained = UpstreamFailures.explain(error, target, provider.connectTimeoutMs(),
                provider.responseTimeoutMs(), route.timeoutMs());
        FailureKind kind = UpstreamFailures.kindOf(error);
        if (kind == FailureKind.RESET && reuse.reused() && !call.staleConnectionRetried
                && call.retryContext.bodyReplayable() && call.retryContext.mayRepeatSentRequest()
                && call.remainingMs() > 0) {
            call.staleConnectionRetried = true;
            call.attempts.add(new Attempt(provider.name(), target.origin(), startedAt, latency, 0, explained.code(),
                    "the upstream closed a reused keep-alive connection before answering (idle keep-alive race);"
                            + " retrying once at once on a new connection"));
            return Mono.just(Step.retry(slot, 0));
        }
        boolean feedsHealth = !(error instanceof InjectedFailure injected) || injected.feedsHealth();
        if ((kind != null || error instanceof TimeoutException) && feedsHealth) {
            health.recordAttempt(route.tenant(), provider.name(), target.origin(), true);
        }
        if (kind == null) {
            String why = error instanceof TimeoutException ? "route deadline of " + route.timeoutMs() + " ms passed"
                    : "not retryable";
            call.attempts.add(new Attempt(provider.name(), target.origin(), startedAt, latency, 0, explained.code(), why));
            leaveProvider(call, kind != null || error instanceof TimeoutException);
            return Mono.just(Step.fail(withAttempts(explained, call)));
        }
        AttemptPlan.Next next = call.plan.afterFailure(slot, kind);
        long wait = next.exists() ? waitBefore(call, next.slot(), null, 0) : 0;
        RetryDecision decision = decide(call, next, RetryRules.Outcome.failure(kind), wait);
        call.attempts.add(new Attempt(provider.name(), target.origin(), startedAt, latency, 0, explained.code(),
                decision.reason()));
        if (decision.retry()) {
            leaveProviderIfSwitching(call, next.slot(), feedsHealth);
            return Mono.just(Step.retry(next.slot(), wait));
        }
        leaveProvider(call, feedsHealth);
        return Mono.just(Step.fail(withAttempts(explained, call)));
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

    private Mono<Void> unavailable(GatewayCall call, int slot, CompiledProvider provider, GatewayError error) {
        AttemptPlan.Next next = call.plan.afterProviderUnavailable(slot);
        String decision = next.exists() ? "provider unavailable; trying " + describe(call, next.slot())
                : "provider unavailable; " + next.whyNot();
        call.attempts.add(new Attempt(provider.name(), null, Instant.now(), 0, 0, error.code(), decision));
        if (next.exists()) {
            return attempt(call, next.slot());
        }
        timingHeaders(call, -1);
        return ErrorResponder.send(call.response, error, call.trace);
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

    private UpstreamRequest upstreamRequest(Attempted attempted) {
        GatewayCall call = attempted.call;
        CompiledProvider provider = attempted.provider;
        UpstreamTarget target = attempted.target;
        String uri = PathJoin.join(target.basePath(), call.uriPath, call.rawQuery);
        HttpHeaders headers = upstreamHeaders(call, provider);
        headers.set(HttpHeaderNames.HOST, hostHeader(target));
        if (call.body != null) {
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            headers.set(HttpHeaderNames.CONTENT_LENGTH, call.body.length);
            return new UpstreamRequest(target, call.request.method(), uri, headers, call.body, null,
                    provider.connectTimeoutMs(), provider.responseTimeoutMs(), bodyIdleTimeoutMs, attempted.reuse);
        }
        // Streamed body: only ever sent once (a later attempt happens only after a connect failure sent nothing).
        Publisher<ByteBuf> body = Flux.from(call.request.receive())
                .doOnNext(chunk -> call.trace.bytesIn += chunk.readableBytes());
        return new UpstreamRequest(target, call.request.method(), uri, headers, null, body,
                provider.connectTimeoutMs(), provider.responseTimeoutMs(), bodyIdleTimeoutMs, attempted.reuse);
    }

    /** The target's authority as the Host header: the port only when it is not the scheme's default. */
    static String hostHeader(UpstreamTarget target) {
        String host = target.host().contains(":") && !target.host().startsWith("[") ? "[" + target.host() + "]"
                : target.host();
        boolean defaultPort = target.port() == (target.scheme().equals("https") ? 443 : 80);
        return defaultPort ? host : host + ":" + target.port();
    }

    private static HttpHeaders upstreamHeaders(GatewayCall call, CompiledProvider provider) {
        CallerRequest request = call.request;
        HttpHeaders headers = HeaderHygiene.forUpstream(request.requestHeaders());
        call.caller.removed().forEach(headers::remove);
        provider.injectedHeaders().forEach(headers::set);
        String clientIp = clientIp(request);
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

    static String clientIp(CallerRequest request) {
        var remote = request.remoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
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

    /** Headers to drop before forwarding (the caller's gateway credential) and the credential id to announce. */
    /** A retry budget's key: one budget per tenant's provider. */
    private record BudgetKey(String tenant, String provider) {
    }

    record CallerHeaders(List<AsciiString> removed, String credentialId) {
        static final CallerHeaders PUBLIC = new CallerHeaders(List.of(), null);
    }

    /** What to do after an attempt. */
    private record Step(Kind kind, int slot, long waitMs, GatewayError error) {
        enum Kind { DONE, RETRY, FAIL }

        static final Step DONE = new Step(Kind.DONE, -1, 0, null);

        static Step retry(int slot, long waitMs) {
            return new Step(Kind.RETRY, slot, waitMs, null);
        }

        static Step fail(GatewayError error) {
            return new Step(Kind.FAIL, -1, 0, error);
        }
    }
}
