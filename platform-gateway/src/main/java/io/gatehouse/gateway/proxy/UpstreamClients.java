package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import reactor.netty.resources.LoopResources;

/**
 * Where the forwarder's upstream calls run: on the event loop of the caller's connection. A proxied exchange then
 * never hops threads (a hop costs a task hand-off, a wake-up and a context switch per direction), and its timers are
 * armed and cancelled on the call's own thread.
 */
final class UpstreamClients {
    private final UpstreamConnector connector;

    /** @param loops the gateway's event loops, which the listener runs on */
    UpstreamClients(UpstreamAddressPolicy policy, LoopResources loops) {
        this.connector = new UpstreamConnector(policy, loops);
    }

    /** Sends {@code upstream} on behalf of {@code caller}, over a connection on the caller's event loop. */
    UpstreamExchange exchange(CallerRequest caller, UpstreamRequest upstream, UpstreamExchange.Listener listener) {
        return connector.exchange(caller.eventLoop(), upstream, listener);
    }

    UpstreamConnector connector() {
        return connector;
    }

    void dispose() {
        connector.dispose();
    }
}
