package io.gatehouse.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Retry, backoff, deadline, budget and fallback behaviour against scripted upstreams on real sockets. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RetriesAndFailoverTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;
    String tenant;

    @BeforeEach
    void tenant() throws Exception {
        tenant = "res-" + UUID.randomUUID().toString().substring(0, 8);
        admin("POST", "/tenants", Map.of("slug", tenant, "name", "Resilience"));
    }

    @Test
    void a502ThenA200IsRetriedAndTheCallerSeesThe200() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, hit == 1 ? 502 : 200, "hit " + hit))) {
            route("flaky", List.of(up.url()), Map.of("retry", Map.of("initialBackoffMs", 10, "maxBackoffMs", 20)));
            HttpResponse<String> response = get("/flaky/x");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("hit 2");
            assertThat(response.headers().firstValue("X-Gateway-Attempts")).hasValue("2");
            assertThat(response.headers().firstValue("X-Upstream-Latency")).isPresent();
            assertThat(up.hits.get()).isEqualTo(2);
        }
    }

    @Test
    void whenEveryAttemptAnswers503TheLastUpstreamResponseIsPassedThrough() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 503, "busy " + hit))) {
            route("busy", List.of(up.url()), Map.of("retry", Map.of("initialBackoffMs", 5, "maxBackoffMs", 10)));
            HttpResponse<String> response = get("/busy");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).isEqualTo("busy 3");
            assertThat(response.headers().firstValue("X-Gateway-Attempts")).hasValue("3");
            assertThat(up.hits.get()).isEqualTo(3);
        }
    }

    @Test
    void aPostIsNotRetriedOnA502UnlessItCarriesAnIdempotencyKey() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 502, "bad"))) {
            route("orders", List.of(up.url()), Map.of("retry", Map.of("initialBackoffMs", 5, "maxBackoffMs", 10)));
            assertThat(send("POST", "/orders", "{}", Map.of()).statusCode()).isEqualTo(502);
            assertThat(up.hits.get()).isEqualTo(1);
            assertThat(send("POST", "/orders", "{}", Map.of("Idempotency-Key", "k-1")).statusCode()).isEqualTo(502);
            assertThat(up.hits.get()).isEqualTo(4);
        }
    }

    @Test
    void aRefusedTargetIsRetriedOnTheOtherTarget() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 200, "alive"))) {
            route("two", List.of(closedPortUrl(), up.url()), Map.of("retry", Map.of("initialBackoffMs", 1, "maxBackoffMs", 2)));
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = send("POST", "/two", "payload", Map.of());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("alive");
            }
        }
    }

    @Test
    void theFallbackProviderAnswersWhenThePrimaryIsDown() throws Exception {
        try (ScriptedUpstream backup = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 200, "backup"))) {
            admin("POST", "/tenants/" + tenant + "/providers", Map.of("name", "backup", "targets", List.of(Map.of("url", backup.url()))));
            route("primary", List.of(closedPortUrl()), Map.of("fallbackProviders", List.of("backup"),
                    "retry", Map.of("maxAttempts", 2, "initialBackoffMs", 1, "maxBackoffMs", 2)));
            HttpResponse<String> response = get("/primary");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("backup");
            assertThat(response.headers().firstValue("X-Gateway-Attempts")).hasValue("3");
        }
    }

    @Test
    void allAttemptsRefusedGiveAnExplained502() throws Exception {
        route("down", List.of(closedPortUrl()), Map.of("retry", Map.of("initialBackoffMs", 1, "maxBackoffMs", 2)));
        HttpResponse<String> response = get("/down");
        assertThat(response.statusCode()).isEqualTo(502);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("upstream_connect_failed");
        assertThat(error.get("attempts").asInt()).isEqualTo(3);
        assertThat(error.get("message").asText()).contains("connection refused").contains("3 attempts");
    }

    @Test
    void theRouteDeadlineBoundsAHangingUpstreamAndNothingIsRetriedAfter() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> Thread.sleep(10_000))) {
            route("slow", List.of(up.url()), Map.of("timeoutMs", 600,
                    "retry", Map.of("retryOn", List.of("timeout", "502"), "initialBackoffMs", 1, "maxBackoffMs", 2)));
            long start = System.nanoTime();
            HttpResponse<String> response = get("/slow");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(response.statusCode()).isEqualTo(504);
            assertThat(JSON.readTree(response.body()).get("error").get("code").asText()).isEqualTo("upstream_timeout");
            assertThat(elapsedMs).isBetween(500L, 4_000L);
            assertThat(up.hits.get()).isEqualTo(1);
        }
    }

    @Test
    void aPerTryTimeoutIsRetriedWhenTimeoutIsInRetryOn() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> {
            if (hit == 1) {
                Thread.sleep(5_000);
            }
            ScriptedUpstream.reply(ex, 200, "second try");
        })) {
            route("pertry", List.of(up.url()), Map.of("responseTimeoutMs", 300,
                    "retry", Map.of("retryOn", List.of("timeout"), "initialBackoffMs", 1, "maxBackoffMs", 2)));
            HttpResponse<String> response = get("/pertry");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("second try");
        }
    }

    @Test
    void retryAfterOnA503IsHonoured() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> {
            if (hit == 1) {
                ex.getResponseHeaders().add("Retry-After", "1");
                ScriptedUpstream.reply(ex, 503, "later");
            } else {
                ScriptedUpstream.reply(ex, 200, "now");
            }
        })) {
            route("later", List.of(up.url()), Map.of("retry", Map.of("initialBackoffMs", 1, "maxBackoffMs", 2)));
            long start = System.nanoTime();
            HttpResponse<String> response = get("/later");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(950L);
        }
    }

    @Test
    void theRetryBudgetCapsUpstreamHitsUnderTotalFailure() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> {
            Thread.sleep(20);
            ScriptedUpstream.reply(ex, 503, "down");
        })) {
            route("storm", List.of(up.url()), Map.of("retry", Map.of("initialBackoffMs", 1, "maxBackoffMs", 5)));
            int requests = 200;
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                calls.add(http.sendAsync(request("GET", "/storm", null, Map.of()), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                assertThat(call.get().statusCode()).isEqualTo(503);
            }
            // Without a budget every request would be tried 3 times (600 hits).
            assertThat(up.hits.get()).isLessThan((int) (requests * 1.5));
        }
    }

    @Test
    void aTargetFailingFiveTimesInARowIsEjectedAndGetsNoMoreTraffic() throws Exception {
        try (ScriptedUpstream bad = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 500, "broken"));
             ScriptedUpstream good = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 200, "fine"))) {
            route("eject", List.of(bad.url(), good.url()), Map.of("retry", Map.of("retryOn", List.of("500"),
                    "initialBackoffMs", 1, "maxBackoffMs", 2)));
            for (int i = 0; i < 40; i++) {
                HttpResponse<String> response = get("/eject");
                assertThat(response.statusCode()).isEqualTo(200);
            }
            assertThat(bad.hits.get()).isEqualTo(5);
            assertThat(good.hits.get()).isEqualTo(40);
        }
    }

    @Test
    void whenEveryTargetIsEjectedTheGatewayAnswers503NoHealthyUpstream() throws Exception {
        try (ScriptedUpstream bad = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 502, "broken"))) {
            route("allbad", List.of(bad.url()), Map.of("retry", Map.of("maxAttempts", 1)));
            for (int i = 0; i < 5; i++) {
                assertThat(get("/allbad").statusCode()).isEqualTo(502);
            }
            HttpResponse<String> response = get("/allbad");
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).get("error").get("code").asText()).isEqualTo("no_healthy_upstream");
            assertThat(bad.hits.get()).isEqualTo(5);
        }
    }

    private void route(String name, List<String> targets, Map<String, Object> extra) throws Exception {
        Map<String, Object> provider = new java.util.HashMap<>(Map.of("name", name + "-up",
                "targets", targets.stream().map(u -> Map.of("url", u)).toList()));
        if (extra.containsKey("responseTimeoutMs")) {
            provider.put("responseTimeoutMs", extra.get("responseTimeoutMs"));
        }
        assertThat(admin("POST", "/tenants/" + tenant + "/providers", provider).statusCode()).isEqualTo(201);
        Map<String, Object> route = new java.util.HashMap<>(Map.of("name", name, "pathPrefix", "/" + name,
                "provider", name + "-up", "public", true));
        extra.forEach((k, v) -> {
            if (!k.equals("responseTimeoutMs")) {
                route.put(k, v);
            }
        });
        HttpResponse<String> created = admin("POST", "/tenants/" + tenant + "/routes", route);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    private static String closedPortUrl() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers) throws Exception {
        return http.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/" + tenant + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    private HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/api/v1" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
