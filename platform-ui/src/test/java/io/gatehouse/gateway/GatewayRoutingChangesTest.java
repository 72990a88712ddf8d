package io.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.http.HttpRequest;
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

/** Changes made through the admin API reach the gateway as soon as the API call returns, without a restart. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayRoutingChangesTest {
    private final RecordingUpstream upstream = new RecordingUpstream();
    private AdminApi api;
    private GatewayClient gateway;

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
    void forgetEarlierRequests() {
        upstream.clear();
    }

    private int status(String path) {
        return gateway.get(path).statusCode();
    }

    private static String routeJson(String prefix, String methods) {
        return "{\"name\":\"live\",\"pathPrefix\":\"" + prefix + "\",\"provider\":\"echo\",\"public\":true,\"methods\":"
                + methods + "}";
    }

    @Test
    void aRouteCreatedChangedAndDeletedThroughTheApiTakesEffectImmediately() {
        String tenant = api.createTenant("live");
        api.createProvider(tenant, "echo", upstream.url(""));
        assertThat(status("/" + tenant + "/live/x")).isEqualTo(404);

        api.createRoute(tenant, routeJson("/live", "[]"));
        assertThat(status("/" + tenant + "/live/x")).isEqualTo(200);
        assertThat(upstream.next().rawPath()).isEqualTo("/x");

        AdminApi.expect(api.put("/tenants/" + tenant + "/routes/live", routeJson("/moved", "[]")), 200);
        assertThat(status("/" + tenant + "/live/x")).isEqualTo(404);
        assertThat(status("/" + tenant + "/moved/x")).isEqualTo(200);
        assertThat(upstream.next().rawPath()).isEqualTo("/x");

        AdminApi.expect(api.put("/tenants/" + tenant + "/routes/live", routeJson("/moved", "[\"POST\"]")), 200);
        HttpResponse<String> notAllowed = gateway.get("/" + tenant + "/moved/x");
        assertThat(notAllowed.statusCode()).isEqualTo(405);
        assertThat(notAllowed.headers().firstValue("Allow")).hasValue("POST");

        AdminApi.expect(api.delete("/tenants/" + tenant + "/routes/live"), 204);
        assertThat(status("/" + tenant + "/moved/x")).isEqualTo(404);
    }

    @Test
    void makingARoutePrivateTakesEffectImmediately() {
        String tenant = api.createTenant("priv");
        api.createProvider(tenant, "echo", upstream.url(""));
        api.createPublicRoute(tenant, "live", "/live", "echo");
        assertThat(status("/" + tenant + "/live")).isEqualTo(200);

        AdminApi.expect(api.put("/tenants/" + tenant + "/routes/live",
                "{\"pathPrefix\":\"/live\",\"provider\":\"echo\",\"public\":false}"), 200);

        assertThat(status("/" + tenant + "/live")).isEqualTo(401);
    }

    @Test
    void aProviderChangedThroughTheApiIsUsedByTheNextRequest() {
        String tenant = api.createTenant("prov");
        api.createProvider(tenant, "echo", upstream.url("/old"));
        api.createPublicRoute(tenant, "live", "/live", "echo");
        assertThat(status("/" + tenant + "/live/x")).isEqualTo(200);
        assertThat(upstream.next().rawPath()).isEqualTo("/old/x");

        AdminApi.expect(api.put("/tenants/" + tenant + "/providers/echo",
                "{\"targets\":[{\"url\":\"" + upstream.url("/new") + "\"}],\"headers\":{\"X-Added\":\"yes\"}}"), 200);

        assertThat(status("/" + tenant + "/live/x")).isEqualTo(200);
        RecordingUpstream.Received got = upstream.next();
        assertThat(got.rawPath()).isEqualTo("/new/x");
        assertThat(got.header("X-Added")).isEqualTo("yes");
    }

    @Test
    void deletingATenantMakesItsRoutesRouteNotFound() {
        String tenant = api.createTenant("gone");
        api.createProvider(tenant, "echo", upstream.url(""));
        api.createPublicRoute(tenant, "live", "/live", "echo");
        api.createPublicRoute(tenant, "root", "/", "echo");
        assertThat(status("/" + tenant + "/live/x")).isEqualTo(200);

        AdminApi.expect(api.delete("/tenants/" + tenant), 204);

        HttpResponse<String> response = gateway.get("/" + tenant + "/live/x");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(GatewayClient.json(response).path("error").path("code").asText()).isEqualTo("route_not_found");
        assertThat(status("/" + tenant + "/anything")).isEqualTo(404);
        AdminApi.expect(api.get("/tenants/" + tenant), 404);
    }

    @Test
    void aTenantCannotReachAnotherTenantsRoutes() {
        String owner = api.createTenant("own");
        String stranger = api.createTenant("strange");
        api.createProvider(owner, "echo", upstream.url(""));
        api.createPublicRoute(owner, "live", "/live", "echo");

        assertThat(status("/" + owner + "/live/x")).isEqualTo(200);
        assertThat(status("/" + stranger + "/live/x")).isEqualTo(404);
    }

    @Test
    void aRecreatedTenantStartsWithoutTheOldRoutes() {
        String tenant = api.createTenant("again");
        api.createProvider(tenant, "echo", upstream.url(""));
        api.createPublicRoute(tenant, "live", "/live", "echo");
        AdminApi.expect(api.delete("/tenants/" + tenant), 204);

        AdminApi.expect(api.post("/tenants", "{\"slug\":\"" + tenant + "\",\"name\":\"Again\"}"), 201);

        assertThat(status("/" + tenant + "/live/x")).isEqualTo(404);
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant + "/routes"), 200)).isEmpty();
        assertThat(gateway.send(gateway.request("/" + tenant + "/live").POST(HttpRequest.BodyPublishers.noBody()).build())
                .statusCode()).isEqualTo(404);
    }
}
