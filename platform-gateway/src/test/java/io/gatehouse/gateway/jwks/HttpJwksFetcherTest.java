package io.gatehouse.gateway.jwks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.gateway.upstream.Cidr;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real HTTP fetch against a JDK HttpServer on 127.0.0.1: status, redirect, size, timeout and SSRF rules. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpJwksFetcherTest {
    static final String DOC = "{\"keys\":[]}";
    static final int CAP = 4096;

    final UpstreamAddressPolicy loopbackAllowed = new UpstreamAddressPolicy(List.of(Cidr.parse("127.0.0.0/8")));
    final AtomicInteger hits = new AtomicInteger();
    final AtomicInteger redirectTargetHits = new AtomicInteger();
    HttpServer server;
    ExecutorService serverThreads;
    HttpJwksFetcher fetcher;

    @BeforeAll
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serverThreads = Executors.newFixedThreadPool(4);
        server.setExecutor(serverThreads);
        server.createContext("/jwks", exchange -> {
            hits.incrementAndGet();
            send(exchange, 200, DOC.getBytes(StandardCharsets.UTF_8), false);
        });
        server.createContext("/moved", exchange -> {
            hits.incrementAndGet();
            exchange.getResponseHeaders().add("Location", url("/target"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/target", exchange -> {
            redirectTargetHits.incrementAndGet();
            send(exchange, 200, DOC.getBytes(StandardCharsets.UTF_8), false);
        });
        server.createContext("/missing", exchange -> send(exchange, 404, "nope".getBytes(), false));
        server.createContext("/big-declared", exchange -> send(exchange, 200, new byte[CAP + 1], false));
        server.createContext("/big-chunked", exchange -> send(exchange, 200, new byte[CAP * 4], true));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, DOC.getBytes(StandardCharsets.UTF_8), false);
        });
        server.start();
        fetcher = new HttpJwksFetcher(loopbackAllowed, null, Duration.ofSeconds(2), Duration.ofMillis(500), CAP);
    }

    @AfterAll
    void stop() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body, boolean chunked)
            throws java.io.IOException {
        exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (java.io.IOException ignored) {
            // the client hung up (size cap): fine
        }
        exchange.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void a_jwks_is_fetched_when_the_address_is_allowed() throws Exception {
        assertThat(new String(fetcher.fetch(url("/jwks")), StandardCharsets.UTF_8)).isEqualTo(DOC);
    }

    @Test
    void redirects_are_reported_and_never_followed() {
        assertThatThrownBy(() -> fetcher.fetch(url("/moved"))).isInstanceOf(JwksFetchException.class)
                .hasMessageContaining("HTTP 302").hasMessageContaining("redirects are not followed");
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void other_statuses_are_failures() {
        assertThatThrownBy(() -> fetcher.fetch(url("/missing"))).hasMessageContaining("HTTP 404");
    }

    @Test
    void bodies_over_the_cap_are_refused_whether_declared_or_streamed() {
        assertThatThrownBy(() -> fetcher.fetch(url("/big-declared"))).isInstanceOf(JwksFetchException.class)
                .hasMessageContaining("at most " + CAP);
        assertThatThrownBy(() -> fetcher.fetch(url("/big-chunked"))).isInstanceOf(JwksFetchException.class)
                .hasMessageContaining("larger than " + CAP);
    }

    @Test
    void a_slow_server_times_out() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> fetcher.fetch(url("/slow"))).isInstanceOf(JwksFetchException.class)
                .hasMessageContaining("timed out");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void blocked_addresses_are_refused_before_connecting() {
        HttpJwksFetcher strict = new HttpJwksFetcher(new UpstreamAddressPolicy(List.of()), null);
        int before = hits.get();

        assertThatThrownBy(() -> strict.fetch(url("/jwks"))).isInstanceOf(JwksFetchException.class)
                .hasMessageContaining("a loopback address").hasMessageContaining("PLATFORM_UPSTREAM_ALLOWLIST");
        assertThat(hits.get()).isEqualTo(before);
        assertThatThrownBy(() -> strict.fetch("http://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("a cloud metadata address");
        assertThatThrownBy(() -> strict.fetch("http://2130706433/jwks")).hasMessageContaining("not a canonical IP");
        assertThatThrownBy(() -> strict.fetch("http://[::1]:1/jwks")).hasMessageContaining("a loopback address");
    }

    /** The maintained SSRF exception: the test allow-list lets 127.0.0.0/8 through, but not the metadata address. */
    @Test
    void the_allowlist_does_not_open_the_metadata_address() {
        assertThatThrownBy(() -> fetcher.fetch("http://169.254.169.254/latest/meta-data/"))
                .hasMessageContaining("a cloud metadata address");
    }
}
