package io.gatehouse.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.log.RecentCalls;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Bodies that stop half-way. An upstream that starts a stream and then goes silent: with
 * {@code platform.gateway.body-idle-timeout-ms} the gateway cuts the call after that much silence (the caller's
 * connection closes, the only signal HTTP/1.1 has once a 200 head went out) instead of holding it open until the
 * caller gives up. A caller that stops sending its request body: 408 at the listener's idle timeout. The log says
 * why in both cases.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.gateway.body-idle-timeout-ms=" + StalledStreamTest.IDLE_MS,
                "platform.gateway.idle-timeout-ms=" + StalledStreamTest.IDLE_MS})
@ActiveProfiles("test")
class StalledStreamTest {
    static final long IDLE_MS = 700;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;
    @Autowired
    RecentCalls recent;

    @Test
    void aStreamThatGoesSilentIsCutAfterTheIdleTimeoutAndTheLogSaysWhy() throws Exception {
        AdminApi admin = new AdminApi(adminPort);
        String tenant = admin.createTenant("stall");
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("data: first\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(IDLE_MS / 2);
            out.write("data: second\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(20 * IDLE_MS); // silent far longer than the idle timeout
        })) {
            admin.createProvider(tenant, JSON.writeValueAsString(Map.of("name", "events",
                    "targets", List.of(Map.of("url", up.url())), "responseTimeoutMs", 300)));
            admin.createRoute(tenant, JSON.writeValueAsString(Map.of("name", "events", "pathPrefix", "/events",
                    "provider", "events", "public", true)));

            long start = System.nanoTime();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + gateway.port() + "/" + tenant + "/events"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            List<String> events = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                // the body ends without its last chunk: the reader sees the connection close as an error
                assertThatThrownBy(() -> {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        if (line.startsWith("data: ")) {
                            events.add(line.substring(6));
                        }
                    }
                }).isInstanceOf(IOException.class);
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(events).containsExactly("first", "second");
            assertThat(elapsedMs).isBetween(IDLE_MS + IDLE_MS / 2, 10 * IDLE_MS);
            String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> recent.find(tenant, requestId).isPresent());
            Optional<CallRecord> call = recent.find(tenant, requestId);
            assertThat(call.get().status()).isEqualTo(200);
            assertThat(call.get().errorCode()).isEqualTo("upstream_timeout");
            assertThat(call.get().attempts()).hasSize(1);
            assertThat(call.get().attempts().get(0).errorCode()).isEqualTo("upstream_timeout");
            assertThat(call.get().attempts().get(0).decision())
                    .contains("the response body was cut short after")
                    .contains("no response body data for " + IDLE_MS + " ms (body idle timeout)");
            assertThat(call.get().bytesOut()).isGreaterThan(0);
        }
    }

    @Test
    void aCallerThatStopsSendingItsRequestBodyGets408AtTheIdleTimeoutAndTheLogSaysSo() throws Exception {
        AdminApi admin = new AdminApi(adminPort);
        String tenant = admin.createTenant("slowcaller");
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, -1);
        }); Socket caller = new Socket("127.0.0.1", gateway.port())) {
            admin.createProvider(tenant, JSON.writeValueAsString(Map.of("name", "sink",
                    "targets", List.of(Map.of("url", up.url())))));
            admin.createRoute(tenant, JSON.writeValueAsString(Map.of("name", "upload", "pathPrefix", "/upload",
                    "provider", "sink", "public", true)));
            caller.setSoTimeout(10_000);
            long start = System.nanoTime();
            caller.getOutputStream().write(("POST /" + tenant + "/upload HTTP/1.1\r\nHost: gw\r\n"
                    + "Content-Length: 1000\r\nX-Request-Id: slow-caller-1\r\n\r\nonly the first bytes")
                    .getBytes(StandardCharsets.US_ASCII));

            String answer = new String(caller.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertThat(answer).startsWith("HTTP/1.1 408 ").contains("\"code\":\"request_timeout\"")
                    .containsIgnoringCase("x-request-id: slow-caller-1");
            assertThat(elapsedMs).isBetween(IDLE_MS - 100, 10 * IDLE_MS);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> recent.find(tenant, "slow-caller-1").isPresent());
            CallRecord call = recent.find(tenant, "slow-caller-1").get();
            assertThat(call.status()).isEqualTo(408);
            assertThat(call.errorCode()).isEqualTo("request_timeout");
        }
    }
}
