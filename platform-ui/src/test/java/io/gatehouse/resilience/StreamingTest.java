package io.gatehouse.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Server-sent events flow through as they are produced, and pauses longer than the per-try timeout are fine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class StreamingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;

    @Test
    void eventsArriveOneByOneWhileTheUpstreamIsStillWriting() throws Exception {
        String tenant = "sse-" + UUID.randomUUID().toString().substring(0, 8);
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            for (int i = 1; i <= 4; i++) {
                out.write(("data: event " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(500);
            }
        })) {
            admin("POST", "/tenants", Map.of("slug", tenant, "name", "SSE"));
            admin("POST", "/tenants/" + tenant + "/providers", Map.of("name", "events",
                    "targets", List.of(Map.of("url", up.url())), "responseTimeoutMs", 300));
            admin("POST", "/tenants/" + tenant + "/routes", Map.of("name", "events", "pathPrefix", "/events",
                    "provider", "events", "public", true));

            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/" + tenant + "/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
            List<Long> arrivalsMs = new ArrayList<>();
            List<String> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        events.add(line.substring(6));
                        arrivalsMs.add((System.nanoTime() - start) / 1_000_000);
                    }
                }
            }
            assertThat(events).containsExactly("event 1", "event 2", "event 3", "event 4");
            // Streamed, not buffered: the first event arrives long before the last one was written.
            assertThat(arrivalsMs.get(3) - arrivalsMs.get(0)).isGreaterThan(1000L);
        }
    }

    private void admin(String method, String path, Object body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/api/v1" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-test-password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }
}
