package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Upstream HTTP clients, one per (connect timeout, response timeout) pair, sharing one explicitly sized pool.
 * Idle connections are closed after 4 s - shorter than common upstream keep-alive timeouts (Node.js 5 s, nginx
 * 75 s) so the gateway does not reuse a connection the upstream is about to close (the stale keep-alive 502).
 */
final class UpstreamClients {
    static final int MAX_CONNECTIONS_PER_TARGET = 512;
    static final Duration MAX_IDLE = Duration.ofSeconds(4);

    private final ConnectionProvider pool;
    private final HttpClient base;
    private final Map<String, HttpClient> byTimeouts = new ConcurrentHashMap<>();

    UpstreamClients(UpstreamAddressPolicy policy) {
        this.pool = ConnectionProvider.builder("gatehouse-upstream")
                .maxConnections(MAX_CONNECTIONS_PER_TARGET)
                .pendingAcquireMaxCount(MAX_CONNECTIONS_PER_TARGET * 4)
                .pendingAcquireTimeout(Duration.ofSeconds(10))
                .maxIdleTime(MAX_IDLE)
                .evictInBackground(Duration.ofSeconds(10))
                .build();
        this.base = HttpClient.create(pool)
                .followRedirect(false)
                .doOnConnected(connection -> refuseBlocked(policy, connection.channel().remoteAddress()));
    }

    HttpClient forProvider(CompiledProvider provider) {
        String key = provider.connectTimeoutMs() + ":" + provider.responseTimeoutMs();
        return byTimeouts.computeIfAbsent(key, k -> base
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, provider.connectTimeoutMs())
                .responseTimeout(Duration.ofMillis(provider.responseTimeoutMs())));
    }

    void dispose() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }

    private static void refuseBlocked(UpstreamAddressPolicy policy, SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            Optional<String> reason = policy.blockReason(inet.getAddress());
            if (reason.isPresent()) {
                throw new UpstreamBlockedException("the target resolved to " + inet.getAddress().getHostAddress()
                        + ", " + reason.get() + "; " + UpstreamAddressPolicy.hint());
            }
        }
    }
}
