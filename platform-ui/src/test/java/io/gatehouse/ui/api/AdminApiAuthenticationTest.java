package io.gatehouse.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The admin API answers only to a platform admin, and says so as an RFC 9457 problem. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminApiAuthenticationTest {
    @LocalServerPort
    int consolePort;

    private AdminApi api;

    @BeforeEach
    void client() {
        api = new AdminApi(consolePort);
    }

    private static void assertUnauthorizedProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        JsonNode problem = AdminApi.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("errors").isArray()).isTrue();
    }

    @Test
    void withoutCredentialsTheApiAnswersUnauthorizedProblem() {
        assertUnauthorizedProblem(api.sendAs(null, null, "GET", "/tenants", null));
        assertUnauthorizedProblem(api.sendAs(null, null, "POST", "/tenants", "{\"slug\":\"nope\",\"name\":\"Nope\"}"));
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        assertUnauthorizedProblem(api.sendAs(AdminApi.ADMIN_USER, "wrong-password", "GET", "/tenants", null));
    }

    @Test
    void anUnknownUserIsUnauthorized() {
        assertUnauthorizedProblem(api.sendAs("mallory", AdminApi.ADMIN_PASSWORD, "GET", "/tenants", null));
    }

    @Test
    void aMalformedAuthorizationHeaderIsUnauthorized() {
        HttpResponse<String> response = api.execute(api.request("/tenants")
                .header("Authorization", "Basic not-base64!!").GET().build());

        assertUnauthorizedProblem(response);
    }

    @Test
    void unauthenticatedCallsChangeNothing() {
        String slug = AdminApi.uniqueSlug("anon");
        api.sendAs(null, null, "POST", "/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Anon\"}");

        assertThat(api.get("/tenants/" + slug).statusCode()).isEqualTo(404);
    }

    @Test
    void thePlatformAdminIsLetIn() {
        HttpResponse<String> response = api.get("/tenants");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(AdminApi.json(response).isArray()).isTrue();
    }
}
