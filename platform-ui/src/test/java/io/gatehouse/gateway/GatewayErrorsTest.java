package io.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The answers the gateway makes itself: the contract's JSON error body with a stable code. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayErrorsTest {
    private final RecordingUpstream upstream = new RecordingUpstream();
    private ServerSocket silent;
    private int closedPort;
    private AdminApi api;
    private GatewayClient gateway;
    private String tenant;

    @Autowired
    GatewayServer gatewayServer;

    @LocalServerPort
    int consolePort;

    @BeforeAll
    void configureRoutes() throws IOException {
        api = new AdminApi(consolePort);
        gateway = new GatewayClient(gatewayServer.port());
        // accepts TCP connections (kernel backlog) but never reads or answers
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        tenant = api.createTenant("err");
        api.createProvider(tenant, "echo", upstream.url(""));
        api.createProvider(tenant, "closed", "http://127.0.0.1:" + closedPort);
        api.createProvider(tenant, "{\"name\":\"silent\",\"targets\":[{\"url\":\"http://127.0.0.1:" + silent.getLocalPort()
                + "\"}],\"responseTimeoutMs\":300}");
        api.createRoute(tenant, "{\"name\":\"read-only\",\"pathPrefix\":\"/ro\",\"methods\":[\"get\",\"HEAD\"],"
                + "\"provider\":\"echo\",\"public\":true}");
        api.createRoute(tenant, "{\"name\":\"private\",\"pathPrefix\":\"/private\",\"provider\":\"echo\"}");
        api.createPublicRoute(tenant, "closed", "/closed", "closed");
        api.createRoute(tenant, "{\"name\":\"silent\",\"pathPrefix\":\"/silent\",\"provider\":\"silent\",\"public\":true,"
                + "\"retry\":{\"maxAttempts\":1}}");
        api.createProvider(tenant, "{\"name\":\"silent-patient\",\"targets\":[{\"url\":\"http://127.0.0.1:"
                + silent.getLocalPort() + "\"}],\"responseTimeoutMs\":60000}");
        api.createRoute(tenant, "{\"name\":\"deadline\",\"pathPrefix\":\"/deadline\",\"provider\":\"silent-patient\","
                + "\"public\":true,\"timeoutMs\":300}");
    }

    @AfterAll
    void stopUpstreams() throws IOException {
        upstream.close();
        silent.close();
    }

    private static JsonNode errorOf(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode error = GatewayClient.json(response).path("error");
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isNotBlank();
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(error.path("requestId").asText()).isEqualTo(requestId);
        return error;
    }

    @Test
    void anUnknownTenantIsRouteNotFound() {
        errorOf(gateway.get("/no-such-tenant-xyz/echo"), 404, "route_not_found");
    }

    @Test
    void anUnknownRouteOfAKnownTenantIsRouteNotFound() {
        JsonNode error = errorOf(gateway.get("/" + tenant + "/nothing-here/x"), 404, "route_not_found");

        assertThat(error.path("message").asText()).contains("/nothing-here/x");
    }

    @Test
    void aPathWithoutATenantIsRouteNotFound() {
        errorOf(gateway.get("/"), 404, "route_not_found");
    }

    @Test
    void theGivenRequestIdIsUsedInTheErrorBody() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/nothing")
                .header("X-Request-Id", "trace-me-12345").GET().build());

        assertThat(errorOf(response, 404, "route_not_found").path("requestId").asText()).isEqualTo("trace-me-12345");
    }

    @Test
    void aMethodTheRouteDoesNotAcceptIsMethodNotAllowedWithAnAllowHeader() throws InterruptedException {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/ro/x")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        JsonNode error = errorOf(response, 405, "method_not_allowed");
        assertThat(error.path("route").asText()).isEqualTo("read-only");
        assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(allow ->
                assertThat(allow.split(",\\s*")).containsExactlyInAnyOrder("GET", "HEAD"));
        assertThat(upstream.nothingReceivedWithin(Duration.ofMillis(200))).isTrue();
    }

    @Test
    void aRouteThatIsNotPublicAnswersUnauthorizedWithWwwAuthenticate() {
        HttpResponse<String> response = gateway.get("/" + tenant + "/private/x");

        JsonNode error = errorOf(response, 401, "unauthorized");
        assertThat(error.path("route").asText()).isEqualTo("private");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void aProviderOnAClosedPortIsUpstreamConnectFailedNamingHostAndPort() {
        HttpResponse<String> response = gateway.get("/" + tenant + "/closed/x");

        JsonNode error = errorOf(response, 502, "upstream_connect_failed");
        assertThat(error.path("message").asText()).contains("127.0.0.1:" + closedPort);
        assertThat(error.path("route").asText()).isEqualTo("closed");
        assertThat(error.path("attempts").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anUpstreamThatNeverAnswersIsUpstreamTimeoutWithinBound() {
        Instant start = Instant.now();

        HttpResponse<String> response = gateway.get("/" + tenant + "/silent/x");

        Duration took = Duration.between(start, Instant.now());
        JsonNode error = errorOf(response, 504, "upstream_timeout");
        assertThat(error.path("message").asText()).contains("127.0.0.1:" + silent.getLocalPort());
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void theRoutesOverallDeadlineEndsAWaitTheProviderWouldAllow() {
        Instant start = Instant.now();

        HttpResponse<String> response = gateway.get("/" + tenant + "/deadline/x");

        Duration took = Duration.between(start, Instant.now());
        JsonNode error = errorOf(response, 504, "upstream_timeout");
        assertThat(error.path("route").asText()).isEqualTo("deadline");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(250)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void dotSegmentsCannotClimbFromAPublicRouteIntoAPrivateOne() throws IOException {
        upstream.clear();
        for (String path : new String[] {"/ro/../private/x", "/ro/%2e%2e/private/x", "/ro/%2E%2e/private/x",
                "/ro/./../private/x", "/ro/.%2E/private/x", "/ro/..;/private/x", "/ro/%2e%2e;x=1/private/x", "/ro/.."}) {
            GatewayClient.RawResponse response = gateway.raw("GET /" + tenant + path + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: close");

            if (response.status() < 400) {
                RecordingUpstream.Received got = upstream.next();
                assertThat(got.rawPath()).as("%s was forwarded as %s", path, got.rawPath())
                        .doesNotContainPattern("(?i)(^|/)(\\.|%2e){1,2}(;[^/]*)?(/|$)");
            } else {
                assertThat(response.status()).as(path).isBetween(400, 499);
                assertThat(response.body()).contains("\"code\"");
            }
        }
    }

    @Test
    void namesThatMerelyContainDotsAreForwarded() {
        upstream.clear();
        for (String path : new String[] {"/ro/.well-known/x", "/ro/a..b", "/ro/...", "/ro/file.txt"}) {
            assertThat(gateway.get("/" + tenant + path).statusCode()).as(path).isEqualTo(200);
            assertThat(upstream.next().rawPath()).isEqualTo(path.substring(3));
        }
    }

    @Test
    void anOptionsRequestToAnUnknownRouteIsStillAJsonError() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/nothing")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        errorOf(response, 404, "route_not_found");
    }
}
