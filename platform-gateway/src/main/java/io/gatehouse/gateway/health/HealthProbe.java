package io.gatehouse.gateway.health;

import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;

/**
 * Sends health probes with Reactor Netty on a small pool of its own: never follows redirects, applies the upstream
 * address policy to every new connection before anything is written (the same SSRF rule as forwarded calls), reads
 * and discards the body so the connection can be reused, and never fails - every problem becomes a failed result.
 */
final class HealthProbe {
    static final String USER_AGENT = "Gatehouse-HealthCheck";

    private final ConnectionProvider pool;
    private final HttpClient base;
    private final Map<Integer, HttpClient> byTimeout = new ConcurrentHashMap<>();

    HealthProbe(UpstreamAddressPolicy policy) {
        this.pool = ConnectionProvider.builder("gatehouse-health")
                .maxConnections(4)
                .pendingAcquireMaxCount(16)
                .pendingAcquireTimeout(Duration.ofSeconds(5))
                .maxIdleTime(Duration.ofSeconds(4))
                .evictInBackground(Duration.ofSeconds(10))
                .build();
        this.base = HttpClient.create(pool)
                .followRedirect(false)
                .doOnConnected(connection -> policy.connectRefusal(connection.channel().remoteAddress())
                        .ifPresent(reason -> {
                            throw new ProbeBlockedException(reason);
                        }));
    }

    /** {@code GET url}; passes on a 2xx or 3xx whose body arrived within {@code timeoutMs}. */
    Mono<ProbeResult> probe(String url, Map<String, String> headers, int timeoutMs) {
        long start = System.nanoTime();
        return client(timeoutMs)
                .headers(h -> {
                    headers.forEach(h::set);
                    h.set(HttpHeaderNames.USER_AGENT, USER_AGENT);
                })
                .get()
                .uri(url)
                .response((response, body) -> body.then(Mono.just(response.status().code())))
                .next()
                .timeout(Duration.ofMillis(timeoutMs))
                .map(status -> new ProbeResult(status >= 200 && status < 400,
                        status + " in " + (System.nanoTime() - start) / 1_000_000 + " ms"))
                .onErrorResume(error -> Mono.just(new ProbeResult(false, describe(error, timeoutMs))))
                .defaultIfEmpty(new ProbeResult(false, "no response"));
    }

    void dispose() {
        pool.disposeLater().block(Duration.ofSeconds(5));
    }

    private HttpClient client(int timeoutMs) {
        return byTimeout.computeIfAbsent(timeoutMs, t -> base.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, t));
    }

    /** A short operator-facing reason, e.g. "connection refused" or "timeout after 2000 ms". */
    static String describe(Throwable error, int timeoutMs) {
        Throwable cause = error;
        while (!(cause instanceof ProbeBlockedException) && !(cause instanceof PrematureCloseException)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof ProbeBlockedException) {
            return "blocked, nothing sent: " + cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return "timeout after " + timeoutMs + " ms";
        }
        if (cause instanceof ConnectTimeoutException) {
            return "connect timeout after " + timeoutMs + " ms";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (cause instanceof UnknownHostException) {
            return "DNS lookup failed: " + oneLine(cause.getMessage());
        }
        if (cause instanceof SSLException) {
            return "TLS handshake failed: " + oneLine(cause.getMessage());
        }
        if (cause instanceof PrematureCloseException) {
            return "connection closed before a complete response";
        }
        return cause.getClass().getSimpleName() + ": " + oneLine(cause.getMessage());
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String flat = message.replaceAll("[\\r\\n]+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "..." : flat;
    }

    /** The connection reached an address the SSRF guard refuses; the probe was not sent. */
    static final class ProbeBlockedException extends RuntimeException {
        ProbeBlockedException(String message) {
            super(message, null, false, false);
        }
    }
}
