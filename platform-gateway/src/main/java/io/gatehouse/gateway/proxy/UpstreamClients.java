package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Upstream HTTP clients, one per (connect timeout, response timeout) pair.
 * <p>
 * Each event loop of the gateway has its own connection pool and clients pinned to that loop: a call is forwarded
 * over an upstream connection living on the same thread as the caller's connection, so the proxied exchange never
 * hops threads (a shared pool hands out connections of any loop, and every hop costs a task hand-off, a wake-up and
 * a context switch per direction). Idle connections are closed after 4 s - shorter than common upstream keep-alive
 * timeouts (Node.js 5 s, nginx 75 s) so the gateway does not reuse a connection the upstream is about to close (the
 * stale keep-alive 502).
 */
final class UpstreamClients {
    static final int MAX_CONNECTIONS_PER_TARGET = 512;
    static final Duration MAX_IDLE = Duration.ofSeconds(4);

    private final UpstreamAddressPolicy policy;
    private final LoopResources loops;
    private final PerLoop shared;
    private final Map<EventLoop, PerLoop> byLoop = new ConcurrentHashMap<>();
    private final AtomicInteger poolIds = new AtomicInteger();

    /** Clients on the global Reactor Netty loops with one shared pool (no loop affinity). */
    UpstreamClients(UpstreamAddressPolicy policy) {
        this(policy, null);
    }

    /** @param loops the gateway's event loops; calls arriving on one of them use that loop's pool */
    UpstreamClients(UpstreamAddressPolicy policy, LoopResources loops) {
        this.policy = policy;
        this.loops = loops;
        ConnectionProvider sharedPool = pool("gatehouse-upstream");
        HttpClient base = configure(HttpClient.create(sharedPool));
        this.shared = new PerLoop(loops == null ? base : base.runOn(loops), sharedPool, null);
    }

    /** The client for calls of this provider made on behalf of {@code request} (on the request's event loop). */
    HttpClient forProvider(CompiledProvider provider, HttpServerRequest request) {
        return perLoop(request).forProvider(provider);
    }

    /**
     * Timers for calls made on behalf of {@code request}: its event loop, so a deadline is armed and cancelled on
     * the call's own thread (no shared timer queue and lock, no extra thread wake-up).
     */
    Scheduler timer(HttpServerRequest request) {
        PerLoop perLoop = perLoop(request);
        return perLoop.timer != null ? perLoop.timer : Schedulers.parallel();
    }

    HttpClient forProvider(CompiledProvider provider) {
        return shared.forProvider(provider);
    }

    private PerLoop perLoop(HttpServerRequest request) {
        if (loops == null || !(request instanceof Connection connection)) {
            return shared;
        }
        Channel channel = connection.channel();
        EventLoop loop = channel == null ? null : channel.eventLoop();
        if (loop == null) {
            return shared;
        }
        PerLoop existing = byLoop.get(loop);
        return existing != null ? existing : byLoop.computeIfAbsent(loop, this::pinnedTo);
    }

    private PerLoop pinnedTo(EventLoop loop) {
        ConnectionProvider pool = pool("gatehouse-upstream-" + poolIds.incrementAndGet());
        return new PerLoop(configure(HttpClient.create(pool)).runOn(new PinnedLoop(loops, loop)), pool,
                Schedulers.fromExecutorService(loop, "gatehouse-gateway-timer"));
    }

    private HttpClient configure(HttpClient client) {
        // disableRetry: Reactor Netty would otherwise resend, silently, a request that failed on a reused connection;
        // the forwarder does that itself (ConnectionReuse) and records the failed attempt with its reason.
        return client.followRedirect(false)
                .disableRetry(true)
                .doOnRequest(ConnectionReuse::onRequest)
                .doOnConnected(connection -> refuseBlocked(policy, connection.channel().remoteAddress()));
    }

    private ConnectionProvider pool(String name) {
        return ConnectionProvider.builder(name)
                .maxConnections(MAX_CONNECTIONS_PER_TARGET)
                .pendingAcquireMaxCount(MAX_CONNECTIONS_PER_TARGET * 4)
                .pendingAcquireTimeout(Duration.ofSeconds(10))
                .maxIdleTime(MAX_IDLE)
                .evictInBackground(Duration.ofSeconds(10))
                .build();
    }

    void dispose() {
        for (PerLoop perLoop : byLoop.values()) {
            perLoop.pool.disposeLater().block(Duration.ofSeconds(5));
        }
        byLoop.clear();
        shared.pool.disposeLater().block(Duration.ofSeconds(5));
    }

    private static void refuseBlocked(UpstreamAddressPolicy policy, SocketAddress remote) {
        policy.connectRefusal(remote).ifPresent(reason -> {
            throw new UpstreamBlockedException(reason);
        });
    }

    /** A base client (with its pool) and its per-timeout variants. */
    private static final class PerLoop {
        final HttpClient base;
        final ConnectionProvider pool;
        /** Timers on the loop itself; null for the shared clients. Never disposed: the loop belongs to its owner. */
        final Scheduler timer;
        final Map<String, HttpClient> byTimeouts = new ConcurrentHashMap<>();

        PerLoop(HttpClient base, ConnectionProvider pool, Scheduler timer) {
            this.base = base;
            this.pool = pool;
            this.timer = timer;
        }

            HttpClient forProvider(CompiledProvider provider) {
            String key = provider.connectTimeoutMs() + ":" + provider.responseTimeoutMs();
            HttpClient client = byTimeouts.get(key);
            return client != null ? client : byTimeouts.computeIfAbsent(key, k -> base
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, provider.connectTimeoutMs())
                    .responseTimeout(Duration.ofMillis(provider.responseTimeoutMs())));
        }
    }

    /**
     * One event loop of the gateway's {@link LoopResources}: new upstream connections are registered on it, and
     * the channel types come from the owning resources for the transport of that loop (epoll channels on an epoll
     * loop, NIO channels on an NIO loop, e.g. with {@code -Dreactor.netty.native=false}: a channel of another
     * transport cannot be registered on it).
     */
    private static final class PinnedLoop implements LoopResources {
        private final LoopResources owner;
        private final EventLoop loop;

        PinnedLoop(LoopResources owner, EventLoop loop) {
            this.owner = owner;
            this.loop = loop;
        }

        @Override
        public EventLoopGroup onServer(boolean useNative) {
            return loop;
        }

        @Override
        public EventLoopGroup onClient(boolean useNative) {
            return loop;
        }

        @Override
        public EventLoopGroup onServerSelect(boolean useNative) {
            return loop;
        }

        @Override
        public <C extends Channel> C onChannel(Class<C> channelType, EventLoopGroup group) {
            return owner.onChannel(channelType, transportOf(group));
        }

        @Override
        public <C extends Channel> Class<? extends C> onChannelClass(Class<C> channelType, EventLoopGroup group) {
            return owner.onChannelClass(channelType, transportOf(group));
        }

        /**
         * The group that tells the resources which transport {@code group} uses: they recognise a transport by its
         * group type (an EpollEventLoopGroup, say), not by one of its loops, which is what this class hands out.
         */
        private EventLoopGroup transportOf(EventLoopGroup group) {
            EventLoopGroup given = group != null ? group : loop;
            return given instanceof EventLoop single && single.parent() != null ? single.parent() : given;
        }

        @Override
        public boolean daemon() {
            return owner.daemon();
        }

        @Override
        public Mono<Void> disposeLater(Duration quietPeriod, Duration timeout) {
            return Mono.empty(); // the loop belongs to the owner
        }

        @Override
        public Mono<Void> disposeLater() {
            return Mono.empty();
        }

        @Override
        public void dispose() {
        }

        @Override
        public boolean isDisposed() {
            return owner.isDisposed();
        }
    }
}
