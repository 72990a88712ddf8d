package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One attempt of a call on one target, from its start to its outcome: an injected fault, a mock answer or a real
 * exchange, bounded by the route deadline until the response head arrives. Reports exactly one outcome to the
 * forwarder - a head ({@link UpstreamForwarder#answered}) or a failure ({@link UpstreamForwarder#failed}) - unless the
 * call is cancelled first. Runs on the caller's event loop; all its timers are tasks on that loop. A plain exchange
 * with the upstream keeps the route deadline itself ({@link UpstreamExchange}, one timer with its per-try timeout);
 * injected faults and mock answers get a deadline timer here.
 */
final class AttemptRun implements UpstreamExchange.Listener {
    final GatewayCall call;
    final int slot;
    final CompiledProvider provider;
    final UpstreamTarget target;
    final Instant startedAt = Instant.now();
    final long startNanos = System.nanoTime();
    final ConnectionReuse reuse = new ConnectionReuse();
    /** False when an injected fault that must not count against the upstream's health shaped this attempt. */
    boolean feedsHealth = true;
    private final UpstreamForwarder forwarder;
    private final EventLoop loop;
    private ScheduledFuture<?> deadline;
    /** A wait in progress: injected delay or mock latency. */
    private ScheduledFuture<?> waiting;
    private UpstreamExchange upstream;
    private boolean settled;

    AttemptRun(UpstreamForwarder forwarder, GatewayCall call, int slot, CompiledProvider provider,
               UpstreamTarget target) {
        this.forwarder = forwarder;
        this.call = call;
        this.slot = slot;
        this.provider = provider;
        this.target = target;
        this.loop = call.request.eventLoop();
    }

    void start() {
        long remainingNanos = call.deadlineNanos - System.nanoTime();
        if (remainingNanos <= 0) {
            fail(UpstreamExchange.routeDeadlineFailure());
            return;
        }
        call.response.whileWaiting(this::cancel);
        InjectedFault fault = UpstreamForwarder.rollFault(call.route, provider);
        if (fault.none() && provider.mock() == null) {
            upstream = forwarder.send(this); // the exchange keeps the route deadline itself, with its per-try timer
            return;
        }
        deadline = loop.schedule(this::deadlinePassed, remainingNanos, TimeUnit.NANOSECONDS);
        feedsHealth = fault.none() || fault.feedsHealth();
        switch (fault.kind()) {
            case ERROR -> answer(UpstreamAnswer.local(fault.errorStatus(), "application/json",
                    Faults.errorBody(fault)), "injected " + fault.errorStatus() + " (" + fault.source() + "); ");
            case RESET -> fail(Faults.reset(target, fault));
            case DELAY -> after(fault.delayMs(), "injected delay (" + fault.source() + ")", fault.feedsHealth(),
                    this::realOrMock);
            case NONE -> realOrMock();
        }
    }

    private void realOrMock() {
        var mock = provider.mock();
        if (mock == null) {
            upstream = forwarder.send(this);
            return;
        }
        Runnable answer = () -> answer(UpstreamAnswer.local(mock.status(), mock.contentType(), mock.body()), "");
        if (mock.latencyMs() == 0) {
            answer.run();
        } else {
            after(mock.latencyMs(), "mock latency", true, answer);
        }
    }

    /** Runs {@code then} after {@code delayMs}; a wait as long as the per-try timeout ends as that timeout instead. */
    private void after(int delayMs, String why, boolean failureFeedsHealth, Runnable then) {
        InjectedFailure timeout = Faults.outlastsPerTryTimeout(delayMs, provider, target, why, failureFeedsHealth);
        Runnable next = timeout == null ? then : () -> fail(timeout);
        int waitMs = timeout == null ? delayMs : provider.responseTimeoutMs();
        waiting = loop.schedule(() -> guarded(() -> {
            waiting = null;
            if (!settled) {
                next.run();
            }
        }), waitMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void answered(UpstreamAnswer answer) {
        guarded(() -> answer(answer, ""));
    }

    @Override
    public void failed(Throwable cause) {
        guarded(() -> fail(cause));
    }

    private void answer(UpstreamAnswer answer, String injectedNote) {
        if (settle()) {
            forwarder.answered(this, answer, injectedNote);
        } else {
            answer.discard(() -> { });
        }
    }

    private void fail(Throwable cause) {
        if (settle()) {
            forwarder.failed(this, cause);
        }
    }

    private void deadlinePassed() {
        deadline = null;
        if (!settled) {
            guarded(() -> {
                stopTimers();
                cancelUpstream();
                fail(UpstreamExchange.routeDeadlineFailure());
            });
        }
    }

    /** The call was cancelled: nothing more is reported. */
    private void cancel() {
        if (!settled) {
            settled = true;
            stopTimers();
            cancelUpstream();
        }
    }

    /** The first outcome wins; the timers stop and the call no longer cancels this attempt. */
    private boolean settle() {
        if (settled) {
            return false;
        }
        settled = true;
        stopTimers();
        call.response.whileWaiting(null);
        return true;
    }

    private void stopTimers() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
        if (waiting != null) {
            waiting.cancel(false);
            waiting = null;
        }
    }

    private void cancelUpstream() {
        if (upstream != null) {
            upstream.cancel();
        }
    }

    /** A failure in the gateway's own code still answers the caller (500) instead of leaving it waiting. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            call.response.fail(e);
        }
    }

    long millisSinceStart() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }
}
