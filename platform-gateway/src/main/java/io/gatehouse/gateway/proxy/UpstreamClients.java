package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.netty.channel.EventLoop;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.resources.LoopResources;

/**
 * Where the forwarder's upstream calls and timers run: on the event loop of the caller's connection. A proxied
 * exchange then never hops threads (a hop costs a task hand-off, a wake-up and a context switch per direction), and
 * a deadline is armed and cancelled on the call's own thread.
 */
final class UpstreamClients {
    private final UpstreamConnector connector;
    private final Map<EventLoop, Scheduler> timers = new ConcurrentHashMap<>();

    /** @param loops the gateway's event loops, which the listener runs on */
    UpstreamClients(UpstreamAddressPolicy policy, LoopResources loops) {
        this.connector = new UpstreamConnector(policy, loops);
    }

    /** Sends {@code upstream} on behalf of {@code caller}, over a connection on the caller's event loop. */
    Mono<UpstreamAnswer> exchange(CallerRequest caller, UpstreamRequest upstream) {
        return connector.exchange(caller.eventLoop(), upstream);
    }

    /** Timers for calls made on behalf of {@code caller}: its event loop. */
    Scheduler timer(CallerRequest caller) {
        EventLoop loop = caller.eventLoop();
        Scheduler timer = timers.get(loop);
        // Never disposed: the loop belongs to the gateway's LoopResources.
        return timer != null ? timer : timers.computeIfAbsent(loop,
                l -> Schedulers.fromExecutorService(l, "gatehouse-gateway-timer"));
    }

    UpstreamConnector connector() {
        return connector;
    }

    void dispose() {
        connector.dispose();
    }
}
