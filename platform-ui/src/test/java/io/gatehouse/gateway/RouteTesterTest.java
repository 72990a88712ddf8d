package io.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.InvalidInputException;
import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.log.RecentCalls;
import io.gatehouse.gateway.probe.RouteTestResult;
import io.gatehouse.gateway.probe.RouteTester;
import io.gatehouse.gateway.proxy.ConsoleTestKey;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The console's "Test" call and the per-call record every gateway request leaves behind. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RouteTesterTest {
    @LocalServerPort
    int consolePort;
    @Autowired
    GatewayServer gatewayServer;
    @Autowired
    RouteTester tester;
    @Autowired
    RecentCalls recentCalls;
    @Autowired
    ConsoleTestKey testKey;
    AdminApi api;
    GatewayClient gateway;
    RecordingUpstream upstream;
    String tenant;

    @BeforeEach
    void setUp() {
        api = new AdminApi(consolePort);
        gateway = new GatewayClient(gatewayServer.port());
        upstream = new RecordingUpstream();
        tenant = api.createTenant("tester");
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    @Test
    void aTestCallReachesAProtectedRouteWithoutATenantKeyAndReportsItsAttempts() {
        api.createProvider(tenant, "{\"name\":\"flaky\",\"type\":\"mock\",\"mock\":{\"status\":200,\"body\":\"hi\"}}");
        api.createRoute(tenant, "{\"name\":\"private\",\"pathPrefix\":\"/private\",\"provider\":\"flaky\"}");

        RouteTestResult result = tester.test(tenant, "private", "GET", "/x?y=1", null);

        assertThat(result.problem()).isNull();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.bodyPreview()).isEqualTo("hi");
        assertThat(result.headers()).containsKeys("x-request-id", "x-gateway-attempts");
        CallRecord call = result.call();
        assertThat(call).isNotNull();
        assertThat(call.route()).isEqualTo("private");
        assertThat(call.credentialType()).isEqualTo("CONSOLE_TEST");
        assertThat(call.path()).isEqualTo("/private/x");
        assertThat(call.query()).isEqualTo("y=1");
        assertThat(call.attempts()).hasSize(1);
        assertThat(call.attempts().get(0).target()).isEqualTo("mock://flaky");
        assertThat(call.bytesOut()).isEqualTo(2);
    }

    @Test
    void theTestKeyNeverReachesTheUpstream() throws Exception {
        api.createProvider(tenant, "rec", upstream.url(""));
        api.createRoute(tenant, "{\"name\":\"rec\",\"pathPrefix\":\"/rec\",\"provider\":\"rec\"}");

        RouteTestResult result = tester.test(tenant, "rec", "POST", "/in", "{\"a\":1}");

        assertThat(result.status()).isEqualTo(200);
        RecordingUpstream.Received received = upstream.next();
        assertThat(received.header(ConsoleTestKey.HEADER)).isNull();
        assertThat(new String(received.body())).isEqualTo("{\"a\":1}");
        assertThat(result.call().bytesIn()).isEqualTo(7);
    }

    @Test
    void aWrongTestKeyIsJustAnUnauthenticatedCall() {
        api.createProvider(tenant, "{\"name\":\"m\",\"type\":\"mock\"}");
        api.createRoute(tenant, "{\"name\":\"p\",\"pathPrefix\":\"/p\",\"provider\":\"m\"}");

        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/p")
                .header(ConsoleTestKey.HEADER, testKey.value().substring(1) + "x").build());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void refusedCallsAreRecordedToo() {
        HttpResponse<String> response = gateway.get("/" + tenant + "/nothing-here");
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();

        CallRecord call = awaitRecord(requestId);

        assertThat(call.status()).isEqualTo(404);
        assertThat(call.errorCode()).isEqualTo("route_not_found");
        assertThat(call.route()).isNull();
        assertThat(call.attempts()).isEmpty();
    }

    @Test
    void badTestInputIsRefusedPerField() {
        api.createProvider(tenant, "{\"name\":\"m\",\"type\":\"mock\"}");
        api.createRoute(tenant, "{\"name\":\"p\",\"pathPrefix\":\"/p\",\"provider\":\"m\"}");
        assertThatThrownBy(() -> tester.test(tenant, "p", "BREW", "", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> tester.test(tenant, "p", "GET", "/a b", null)).isInstanceOf(InvalidInputException.class);
    }

    private CallRecord awaitRecord(String requestId) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            var found = recentCalls.find(tenant, requestId);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no record for " + requestId);
    }
}
