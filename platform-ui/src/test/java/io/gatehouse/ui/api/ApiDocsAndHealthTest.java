package io.gatehouse.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The public, unauthenticated endpoints of the console port: API docs and health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ApiDocsAndHealthTest {
    @LocalServerPort
    int consolePort;

    @Test
    void theOpenApiDocumentDescribesTheAdminApiWithoutSigningIn() {
        AdminApi api = new AdminApi(consolePort);

        HttpResponse<String> response = api.sendAs(null, null, "GET", "/v3/api-docs", null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = AdminApi.json(response);
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("paths").has("/api/v1/tenants")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/tenants/{tenant}/providers")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/tenants/{tenant}/routes/{name}")).isTrue();
    }

    @Test
    void healthIsUpWhileTheGatewayListens() {
        AdminApi api = new AdminApi(consolePort);

        HttpResponse<String> response = api.sendAs(null, null, "GET", "/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AdminApi.json(response).path("status").asText()).isEqualTo("UP");
        assertThat(response.body()).doesNotContain("port");
    }

    @Test
    void theConsoleSignInPageIsStillServedOutsideTheApi() {
        AdminApi api = new AdminApi(consolePort);

        HttpResponse<String> login = api.execute(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(api.base() + "/login")).GET().build());

        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }
}
