package io.gatehouse.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.GatewayClient;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The built-in mock provider and fault injection on mock and real providers, through the running gateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MockProviderAndFaultsTest {
    @LocalServerPort
    int consolePort;
    @Autowired
    GatewayServer gatewayServer;
    AdminApi api;
    GatewayClient gateway;
    String tenant;

    @BeforeEach
    void tenant() {
        api = new AdminApi(consolePort);
        gateway = new GatewayClient(gatewayServer.port());
        tenant = api.createTenant("mock");
    }

    @Test
    void aMockProviderAnswersInsideTheGatewayWithItsStatusBodyAndType() {
        api.createProvider(tenant, "{\"name\":\"fake\",\"type\":\"mock\",\"mock\":{\"status\":201,"
                + "\"body\":\"{\\\"ok\\\":1}\",\"contentType\":\"application/json\"}}");
        api.createPublicRoute(tenant, "fake", "/fake", "fake");

        HttpResponse<String> response = gateway.get("/" + tenant + "/fake/anything");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"ok\":1}");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Gateway-Attempts")).hasValue("1");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void aMockProviderReadsBackWithItsTypeAndNoTargets() {
        api.createProvider(tenant, "{\"name\":\"fake\",\"type\":\"mock\",\"mock\":{\"latencyMs\":5}}");
        JsonNode read = AdminApi.expect(api.get("/tenants/" + tenant + "/providers/fake"), 200);
        assertThat(read.get("type").asText()).isEqualTo("mock");
        assertThat(read.get("targets")).isEmpty();
        assertThat(read.get("mock").get("status").asInt()).isEqualTo(200);
        assertThat(read.get("mock").get("latencyMs").asInt()).isEqualTo(5);
    }

    @Test
    void mockLatencyLongerThanThePerTryTimeoutEndsAsAnExplainedTimeout() {
        api.createProvider(tenant, "{\"name\":\"slow\",\"type\":\"mock\",\"responseTimeoutMs\":100,"
                + "\"mock\":{\"latencyMs\":5000}}");
        api.createRoute(tenant, "{\"name\":\"slow\",\"pathPrefix\":\"/slow\",\"provider\":\"slow\",\"public\":true,"
                + "\"retry\":{\"maxAttempts\":2,\"initialBackoffMs\":0,\"maxBackoffMs\":0,\"retryOn\":[\"timeout\"]}}");

        long start = System.nanoTime();
        HttpResponse<String> response = gateway.get("/" + tenant + "/slow");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(504);
        JsonNode error = GatewayClient.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("upstream_timeout");
        assertThat(error.get("attempts").asInt()).isEqualTo(2);
        assertThat(error.get("message").asText()).contains("mock latency").contains("responseTimeoutMs");
        assertThat(elapsedMs).isLessThan(4_000);
    }

    @Test
    void injectedErrorsOnEveryAttemptEndInThatStatusAfterAllRetries() {
        api.createProvider(tenant, "{\"name\":\"broken\",\"type\":\"mock\",\"mock\":{\"faults\":{\"errorPercent\":100,"
                + "\"errorStatus\":503}}}");
        api.createRoute(tenant, "{\"name\":\"broken\",\"pathPrefix\":\"/broken\",\"provider\":\"broken\","
                + "\"public\":true,\"retry\":{\"maxAttempts\":3,\"initialBackoffMs\":1,\"maxBackoffMs\":2}}");

        HttpResponse<String> response = gateway.get("/" + tenant + "/broken");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("X-Gateway-Attempts")).hasValue("3");
        assertThat(GatewayClient.json(response).get("error").get("code").asText()).isEqualTo("injected_fault");
    }

    @Test
    void injectedResetsAreRetriedWhenRetryOnNamesResetAndExplainedOtherwise() {
        api.createProvider(tenant, "{\"name\":\"resetting\",\"type\":\"mock\",\"mock\":{\"faults\":{\"resetPercent\":100}}}");
        api.createRoute(tenant, "{\"name\":\"noretry\",\"pathPrefix\":\"/noretry\",\"provider\":\"resetting\","
                + "\"public\":true}");
        api.createRoute(tenant, "{\"name\":\"retry\",\"pathPrefix\":\"/retry\",\"provider\":\"resetting\","
                + "\"public\":true,\"retry\":{\"maxAttempts\":2,\"initialBackoffMs\":1,\"maxBackoffMs\":2,"
                + "\"retryOn\":[\"reset\"]}}");

        HttpResponse<String> once = gateway.get("/" + tenant + "/noretry");
        HttpResponse<String> twice = gateway.get("/" + tenant + "/retry");

        assertThat(once.statusCode()).isEqualTo(502);
        JsonNode error = GatewayClient.json(once).get("error");
        assertThat(error.get("code").asText()).isEqualTo("upstream_reset");
        assertThat(error.get("attempts").asInt()).isEqualTo(1);
        assertThat(error.get("message").asText()).contains("injected");
        assertThat(GatewayClient.json(twice).get("error").get("attempts").asInt()).isEqualTo(2);
    }

    @Test
    void routeFaultsApplyToARealProviderAndRetriesRecoverFromThem() throws Exception {
        try (ScriptedUpstream up = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 200, "real"))) {
            api.createProvider(tenant, "real", up.url());
            api.createRoute(tenant, "{\"name\":\"chaos\",\"pathPrefix\":\"/chaos\",\"provider\":\"real\","
                    + "\"public\":true,\"retry\":{\"maxAttempts\":10,\"initialBackoffMs\":0,\"maxBackoffMs\":0},"
                    + "\"faults\":{\"errorPercent\":30,\"errorStatus\":502}}");

            int injectedBeforeSuccess = 0;
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> response = gateway.get("/" + tenant + "/chaos");
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("real");
                injectedBeforeSuccess += Integer.parseInt(response.headers().firstValue("X-Gateway-Attempts")
                        .orElseThrow()) - 1;
            }
            // 20 calls each reached the upstream exactly once; with a 30 % fault rate some attempts were answered by
            // the injected 502 (chance of none: 0.7^20, under 0.1 %; chance a call exhausts 10 attempts: 0.3^10).
            assertThat(up.hits.get()).isEqualTo(20);
            assertThat(injectedBeforeSuccess).isPositive();
        }
    }

    @Test
    void faultsAreOffByDefaultAndShowAsEmptyOnTheRoute() {
        api.createProvider(tenant, "{\"name\":\"fake\",\"type\":\"mock\"}");
        JsonNode route = api.createPublicRoute(tenant, "plain", "/plain", "fake");
        assertThat(route.get("faults").get("errorPercent").asInt()).isZero();
        assertThat(route.get("faults").get("resetPercent").asInt()).isZero();
        assertThat(route.get("faults").get("delayPercent").asInt()).isZero();
    }

    @Test
    void badMockAndFaultSettingsAreRefusedPerField() {
        HttpResponse<String> targets = api.post("/tenants/" + tenant + "/providers", "{\"name\":\"m\",\"type\":\"mock\","
                + "\"targets\":[{\"url\":\"http://127.0.0.1:1\"}]}");
        assertThat(targets.statusCode()).isEqualTo(400);
        assertThat(targets.body()).contains("\"field\":\"targets\"");

        HttpResponse<String> type = api.post("/tenants/" + tenant + "/providers", "{\"name\":\"m\",\"type\":\"grpc\"}");
        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.body()).contains("\"field\":\"type\"");

        HttpResponse<String> status = api.post("/tenants/" + tenant + "/providers", "{\"name\":\"m\",\"type\":\"mock\","
                + "\"mock\":{\"status\":42}}");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("mock.status");

        api.createProvider(tenant, "{\"name\":\"fake\",\"type\":\"mock\"}");
        HttpResponse<String> faults = api.post("/tenants/" + tenant + "/routes", "{\"name\":\"r\",\"pathPrefix\":\"/r\","
                + "\"provider\":\"fake\",\"public\":true,\"faults\":{\"errorPercent\":70,\"resetPercent\":40}}");
        assertThat(faults.statusCode()).isEqualTo(400);
        assertThat(faults.body()).contains("\"field\":\"faults\"");
    }
}
