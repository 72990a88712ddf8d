package io.gatehouse.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.health.ActiveHealthChecker;
import io.gatehouse.gateway.health.TargetState;
import io.gatehouse.gateway.health.UpstreamHealth;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Active health checks end to end: two upstreams on real sockets whose {@code /health} can be switched to 503, a
 * provider probing them every second, and callers who must only ever reach the targets that pass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ActiveHealthCheckTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String CHECK = "\"healthCheck\":{\"path\":\"/health\",\"intervalMs\":1000,\"timeoutMs\":500,"
            + "\"healthyThreshold\":2,\"unhealthyThreshold\":2}";

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;
    @Autowired
    UpstreamHealth health;
    @Autowired
    ActiveHealthChecker checker;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private AdminApi admin;
    private String tenant;
    private Upstream a;
    private Upstream b;

    @BeforeEach
    void upstreams() throws Exception {
        admin = new AdminApi(adminPort);
        tenant = admin.createTenant("hc");
        a = new Upstream("a");
        b = new Upstream("b");
    }

    @AfterEach
    void close() {
        admin.delete("/tenants/" + tenant); // stops its probes for the rest of this shared context
        a.close();
        b.close();
    }

    @Test
    void aTargetFailingItsHealthCheckGetsNoTrafficUntilItRecoversAndAllDownAnswers503() throws Exception {
        admin.createProvider(tenant, "{\"name\":\"pair\",\"targets\":[{\"url\":\"" + a.url() + "\"},{\"url\":\""
                + b.url() + "\"}],\"headers\":{\"X-Api-Key\":\"k-123\"}," + CHECK + "}");
        admin.createRoute(tenant, "{\"name\":\"pair\",\"pathPrefix\":\"/pair\",\"provider\":\"pair\",\"public\":true,"
                + "\"retry\":{\"maxAttempts\":1}}");
        await("both targets probed and UP", () -> check("pair", a).equals("UP") && check("pair", b).equals("UP"));
        assertThat(a.lastProbeApiKey).as("the provider's injected header on probes").hasValue(1);
        assertThat(a.wrongProbePaths).hasValue(0);

        a.healthy.set(false);
        await("a DOWN after two failed probes", () -> check("pair", a).equals("DOWN"));
        assertThat(state("pair", a).lastCheckDetail()).startsWith("503 in ");
        assertThat(state("pair", a).inRotation()).isFalse();
        int aTrafficBefore = a.traffic.get();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = call("/pair/x");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("b");
        }
        assertThat(a.traffic.get()).as("calls that reached the DOWN target").isEqualTo(aTrafficBefore);
        assertThat(a.probes.get()).as("a is still probed while DOWN").isPositive();

        b.healthy.set(false);
        await("b DOWN too", () -> check("pair", b).equals("DOWN"));
        HttpResponse<String> none = call("/pair/x");
        assertThat(none.statusCode()).isEqualTo(503);
        assertThat(AdminApi.json(none).get("error").get("code").asText()).isEqualTo("no_healthy_upstream");

        a.healthy.set(true);
        await("a UP again after two passed probes", () -> check("pair", a).equals("UP"));
        assertThat(state("pair", a).lastCheckDetail()).startsWith("200 in ");
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = call("/pair/x");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("a");
        }
        assertThat(b.traffic.get()).isEqualTo(30);
    }

    @Test
    void turningTheCheckOffPutsADownTargetBackAndStopsTheProbes() throws Exception {
        a.healthy.set(false);
        admin.createProvider(tenant, "{\"name\":\"solo\",\"targets\":[{\"url\":\"" + a.url() + "\"}]," + CHECK + "}");
        admin.createRoute(tenant, "{\"name\":\"solo\",\"pathPrefix\":\"/solo\",\"provider\":\"solo\",\"public\":true,"
                + "\"retry\":{\"maxAttempts\":1}}");
        await("a DOWN", () -> check("solo", a).equals("DOWN"));
        assertThat(call("/solo").statusCode()).isEqualTo(503);

        AdminApi.expect(admin.put("/tenants/" + tenant + "/providers/solo",
                "{\"name\":\"solo\",\"targets\":[{\"url\":\"" + a.url() + "\"}]}"), 200);
        await("the verdict forgotten", () -> check("solo", a).equals("UNCHECKED"));
        HttpResponse<String> response = call("/solo");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("a");
        int probes = a.probes.get();
        long quietUntil = System.nanoTime() + Duration.ofMillis(2500).toNanos();
        await("2.5 s without probes", () -> System.nanoTime() > quietUntil);
        assertThat(a.probes.get()).isLessThanOrEqualTo(probes + 1);
    }

    @Test
    void theCheckerProbesOnlyProvidersWithAHealthCheck() throws Exception {
        admin.createProvider(tenant, "{\"name\":\"plain\",\"targets\":[{\"url\":\"" + b.url() + "\"}]}");
        admin.createPublicRoute(tenant, "plain", "/plain", "plain");
        JsonNode created = admin.createProvider(tenant, "{\"name\":\"checked\",\"targets\":[{\"url\":\"" + a.url()
                + "\"}]," + CHECK + "}");
        assertThat(created.get("name").asText()).isEqualTo("checked");
        admin.createPublicRoute(tenant, "checked", "/checked", "checked");
        await("a probed", () -> a.probes.get() > 0);
        assertThat(checker.isRunning()).isTrue();
        assertThat(b.probes.get()).isZero();
        assertThat(health.targetStates(tenant, "plain", List.of(b.url())).get(0).activeCheck()).isEqualTo("UNCHECKED");
    }

    private String check(String provider, Upstream upstream) {
        return state(provider, upstream).activeCheck();
    }

    private TargetState state(String provider, Upstream upstream) {
        return health.targetStates(tenant, provider, List.of(upstream.url())).get(0);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for: %s", PATIENCE, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> call(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/" + tenant + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An upstream answering its name; {@code /health} probes (told apart by User-Agent) get 200 or 503. */
    private static final class Upstream implements AutoCloseable {
        final AtomicBoolean healthy = new AtomicBoolean(true);
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger traffic = new AtomicInteger();
        final AtomicInteger lastProbeApiKey = new AtomicInteger();
        final AtomicInteger wrongProbePaths = new AtomicInteger();
        private final HttpServer server;

        Upstream(String name) throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", exchange -> {
                boolean probe = "Gatehouse-HealthCheck".equals(exchange.getRequestHeaders().getFirst("User-Agent"));
                int status = 200;
                if (probe) {
                    probes.incrementAndGet();
                    if (!exchange.getRequestURI().getPath().equals("/health")) {
                        wrongProbePaths.incrementAndGet();
                    }
                    lastProbeApiKey.set("k-123".equals(exchange.getRequestHeaders().getFirst("X-Api-Key")) ? 1 : 0);
                    status = healthy.get() ? 200 : 503;
                } else {
                    traffic.incrementAndGet();
                }
                byte[] body = name.getBytes();
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
