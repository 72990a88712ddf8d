package io.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Prometheus metrics on the console port and W3C trace context towards upstreams. */
@AutoConfigureObservability(tracing = false) // Boot's tests turn metrics export off unless asked
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MetricsAndTracingTest {
    @LocalServerPort
    int consolePort;
    @Autowired
    GatewayServer gatewayServer;
    AdminApi api;
    GatewayClient gateway;
    RecordingUpstream upstream;
    String tenant;

    @BeforeEach
    void setUp() {
        api = new AdminApi(consolePort);
        gateway = new GatewayClient(gatewayServer.port());
        upstream = new RecordingUpstream();
        tenant = api.createTenant("metrics");
        api.createProvider(tenant, "up", upstream.url(""));
        api.createPublicRoute(tenant, "traced", "/traced", "up");
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    @Test
    void aMissingTraceparentIsGeneratedAndAValidOneKeepsItsTraceId() {
        gateway.get("/" + tenant + "/traced");
        assertThat(upstream.next().header("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        gateway.send(gateway.request("/" + tenant + "/traced")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("tracestate", "vendor=x").build());
        RecordingUpstream.Received received = upstream.next();
        assertThat(received.header("traceparent")).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                .doesNotContain("00f067aa0ba902b7");
        assertThat(received.header("tracestate")).isEqualTo("vendor=x");
    }

    @Test
    void prometheusShowsRequestsByTenantRouteAndStatusClassButNotUnknownTenants() {
        gateway.get("/" + tenant + "/traced");
        upstream.next();
        gateway.get("/no-such-tenant-" + tenant + "/x");

        HttpResponse<String> metrics = api.get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("gatehouse_gateway_requests_seconds_count{route=\"traced\",status=\"2xx\",tenant=\"" + tenant + "\"}")
                .contains("gatehouse_gateway_requests_seconds_count{route=\"-\",status=\"4xx\",tenant=\"-\"}")
                .contains("gatehouse_gateway_upstream_attempts_total")
                .contains("gatehouse_gateway_circuits")
                .contains("gatehouse_requestlog_accepted_total").contains("gatehouse_requestlog_dropped_total")
                .doesNotContain("no-such-tenant");
    }

    @Test
    void prometheusNeedsAPlatformAdmin() throws Exception {
        HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + consolePort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
