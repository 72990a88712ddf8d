package io.gatehouse.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.gateway.route.HealthCheckSpec;
import io.gatehouse.gateway.upstream.Cidr;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Real probes against a JDK HTTP server on 127.0.0.1. */
class HealthProbeTest {
    private static final UpstreamAddressPolicy LOOPBACK_ALLOWED = new UpstreamAddressPolicy(List.of(Cidr.parse("127.0.0.0/8")));
    private static final UpstreamAddressPolicy STRICT = new UpstreamAddressPolicy(List.of());

    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicInteger delayMs = new AtomicInteger();
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private HealthProbe probe;

    @BeforeEach
    void server() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " ua="
                    + exchange.getRequestHeaders().getFirst("User-Agent") + " key="
                    + exchange.getRequestHeaders().getFirst("X-Api-Key"));
            try {
                Thread.sleep(delayMs.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "x".repeat(10_000).getBytes();
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void close() {
        server.stop(0);
        if (probe != null) {
            probe.dispose();
        }
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private ProbeResult run(UpstreamAddressPolicy policy, String url, int timeoutMs) {
        if (probe == null) {
            probe = new HealthProbe(policy);
        }
        return probe.probe(url, Map.of("X-Api-Key", "secret-1"), timeoutMs).block(Duration.ofSeconds(10));
    }

    @Test
    void a2xxIsAPassAndTheProbeCarriesItsUserAgentAndTheProviderHeaders() {
        ProbeResult result = run(LOOPBACK_ALLOWED, base() + "/v1/health", 2000);

        assertThat(result.passed()).isTrue();
        assertThat(result.detail()).matches("200 in \\d+ ms");
        assertThat(seen).containsExactly("GET /v1/health ua=Gatehouse-HealthCheck key=secret-1");
    }

    @Test
    void aRedirectPassesAndIsNotFollowed() {
        status.set(302);
        ProbeResult result = run(LOOPBACK_ALLOWED, base() + "/health", 2000);
        assertThat(result.passed()).isTrue();
        assertThat(seen).hasSize(1);
    }

    @Test
    void a5xxOrA4xxFails() {
        status.set(503);
        assertThat(run(LOOPBACK_ALLOWED, base() + "/health", 2000).detail()).startsWith("503 in ");
        status.set(404);
        assertThat(run(LOOPBACK_ALLOWED, base() + "/health", 2000).passed()).isFalse();
    }

    @Test
    void aSlowAnswerIsATimeout() {
        delayMs.set(1500);
        ProbeResult result = run(LOOPBACK_ALLOWED, base() + "/health", 300);
        assertThat(result).isEqualTo(new ProbeResult(false, "timeout after 300 ms"));
    }

    @Test
    void aClosedPortIsConnectionRefused() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run(LOOPBACK_ALLOWED, "http://127.0.0.1:" + port + "/health", 2000))
                .isEqualTo(new ProbeResult(false, "connection refused"));
    }

    @Test
    void theBodyIsReadSoProbesInARowReuseOneConnection() {
        for (int i = 0; i < 30; i++) {
            assertThat(run(LOOPBACK_ALLOWED, base() + "/health", 2000).passed()).isTrue();
        }
        assertThat(seen).hasSize(30);
        // An unread body would make every probe open a new connection (30 ports). A connection goes back to the
        // pool a moment after its probe completes, so on a busy machine the next probe may open a second one.
        assertThat(clientPorts.size()).isLessThanOrEqualTo(5);
    }

    @Test
    void aProbeToABlockedAddressIsNotSentAndItsTargetGoesDownWithTheReason() throws Exception {
        assertThat(run(STRICT, base() + "/health", 2000).detail())
                .startsWith("blocked, nothing sent: the target resolved to 127.0.0.1, a loopback address")
                .contains("PLATFORM_UPSTREAM_ALLOWLIST");

        UpstreamHealth health = new UpstreamHealth();
        String origin = base();
        ProbeTarget target = new ProbeTarget("t", "p", origin, origin + "/health", Map.of(),
                new HealthCheckSpec("/health", 1000, 500, 1, 1));
        Scheduler scheduler = Schedulers.newSingle("probe-test");
        ProbeJob job = new ProbeJob(target, probe, health).start(scheduler);
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!health.isEjected("t", "p", origin) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            TargetState state = health.targetStates("t", "p", List.of(origin)).get(0);
            assertThat(state.activeCheck()).isEqualTo("DOWN");
            assertThat(state.lastCheckDetail()).contains("blocked", "a loopback address");
            assertThat(state.inRotation()).isFalse();
        } finally {
            job.stop();
            scheduler.dispose();
        }
        assertThat(seen).isEmpty();
    }
}
