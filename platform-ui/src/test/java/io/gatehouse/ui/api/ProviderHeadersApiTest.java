package io.gatehouse.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.GatewayClient;
import io.gatehouse.gateway.RecordingUpstream;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Injected provider headers are write-only: responses name them, never show their values, and PUT keeps or drops them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderHeadersApiTest {
    private static final String KEY_VALUE = "sk-live-VALUE-7f3a91";
    private static final String OTHER_VALUE = "org-VALUE-55c2";

    private final RecordingUpstream upstream = new RecordingUpstream();
    private AdminApi api;
    private GatewayClient gateway;
    private String tenant;

    @Autowired
    GatewayServer gatewayServer;

    @LocalServerPort
    int consolePort;

    @BeforeAll
    void clients() {
        api = new AdminApi(consolePort);
        gateway = new GatewayClient(gatewayServer.port());
    }

    @AfterAll
    void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void providerWithHeaders() {
        upstream.clear();
        tenant = api.createTenant("hdr");
        HttpResponse<String> created = api.post("/tenants/" + tenant + "/providers", providerJson(
                ",\"headers\":{\"X-Api-Key\":\"" + KEY_VALUE + "\",\"OpenAI-Organization\":\"" + OTHER_VALUE + "\"}"));
        assertNamesWithoutValues(created, 201);
        api.createPublicRoute(tenant, "echo", "/echo", "echo");
    }

    private String providerJson(String extra) {
        return "{\"name\":\"echo\",\"targets\":[{\"url\":\"" + upstream.url("") + "\"}],\"responseTimeoutMs\":5000" + extra + "}";
    }

    private static JsonNode assertNamesWithoutValues(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).doesNotContain(KEY_VALUE).doesNotContain(OTHER_VALUE).doesNotContain("VALUE");
        return AdminApi.json(response);
    }

    private RecordingUpstream.Received callThroughGateway() {
        assertThat(gateway.get("/" + tenant + "/echo/x").statusCode()).isEqualTo(200);
        return upstream.next();
    }

    @Test
    void createGetAndListNameTheHeadersButNeverShowTheirValues() {
        JsonNode one = assertNamesWithoutValues(api.get("/tenants/" + tenant + "/providers/echo"), 200);
        JsonNode list = assertNamesWithoutValues(api.get("/tenants/" + tenant + "/providers"), 200);

        assertThat(one.path("headers").toString()).isEqualTo("[\"X-Api-Key\",\"OpenAI-Organization\"]");
        assertThat(list.get(0).path("headers").toString()).isEqualTo("[\"X-Api-Key\",\"OpenAI-Organization\"]");
    }

    @Test
    void theInjectedHeadersArriveUpstream() {
        RecordingUpstream.Received got = callThroughGateway();

        assertThat(got.header("X-Api-Key")).isEqualTo(KEY_VALUE);
        assertThat(got.header("OpenAI-Organization")).isEqualTo(OTHER_VALUE);
    }

    @Test
    void putWithoutHeadersKeepsTheStoredHeaders() {
        JsonNode replaced = assertNamesWithoutValues(api.put("/tenants/" + tenant + "/providers/echo",
                providerJson(",\"connectTimeoutMs\":1500")), 200);

        assertThat(replaced.path("headers").toString()).isEqualTo("[\"X-Api-Key\",\"OpenAI-Organization\"]");
        assertThat(replaced.path("connectTimeoutMs").asInt()).isEqualTo(1500);
        RecordingUpstream.Received got = callThroughGateway();
        assertThat(got.header("X-Api-Key")).isEqualTo(KEY_VALUE);
        assertThat(got.header("OpenAI-Organization")).isEqualTo(OTHER_VALUE);
    }

    @Test
    void putWithAnEmptyHeaderMapRemovesThem() {
        JsonNode replaced = assertNamesWithoutValues(api.put("/tenants/" + tenant + "/providers/echo",
                providerJson(",\"headers\":{}")), 200);

        assertThat(replaced.path("headers").isEmpty()).isTrue();
        RecordingUpstream.Received got = callThroughGateway();
        assertThat(got.header("X-Api-Key")).isNull();
        assertThat(got.header("OpenAI-Organization")).isNull();
    }

    @Test
    void putWithNewHeadersReplacesThemAll() {
        HttpResponse<String> response = api.put("/tenants/" + tenant + "/providers/echo",
                providerJson(",\"headers\":{\"X-Api-Key\":\"sk-rotated-1\"}"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("sk-rotated-1");
        RecordingUpstream.Received got = callThroughGateway();
        assertThat(got.header("X-Api-Key")).isEqualTo("sk-rotated-1");
        assertThat(got.header("OpenAI-Organization")).isNull();
    }

    @Test
    void aRefusedHeaderDoesNotEchoItsValueInTheProblem() {
        HttpResponse<String> response = api.post("/tenants/" + tenant + "/providers", "{\"name\":\"bad\",\"targets\":"
                + "[{\"url\":\"http://127.0.0.1:9\"}],\"headers\":{\"Host\":\"" + KEY_VALUE + "\",\"X-Key\":\"" + OTHER_VALUE
                + "\\r\\nX-Evil: 1\"}}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).doesNotContain(KEY_VALUE).doesNotContain(OTHER_VALUE);
        assertThat(AdminApi.json(response).findValuesAsText("field")).containsExactlyInAnyOrder("headers.Host", "headers.X-Key");
    }
}
