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

/** Tenants, providers and routes: create, read, change, delete - and the 404 and 409 answers around them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminApiResourcesTest {
    @LocalServerPort
    int consolePort;

    private AdminApi api;
    private String tenant;

    @BeforeEach
    void tenantWithProviderAndRoute() {
        api = new AdminApi(consolePort);
        tenant = api.createTenant("res");
        api.createProvider(tenant, "echo", "http://127.0.0.1:9");
        api.createRoute(tenant, "{\"name\":\"echo\",\"pathPrefix\":\"/echo\",\"provider\":\"echo\"}");
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = AdminApi.json(response);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
        assertThat(body.path("errors").isArray()).isTrue();
        return body;
    }

    @Test
    void aCreatedTenantCanBeReadAndListed() {
        JsonNode got = AdminApi.expect(api.get("/tenants/" + tenant), 200);

        assertThat(got.path("slug").asText()).isEqualTo(tenant);
        assertThat(got.path("name").asText()).isEqualTo("Tenant " + tenant);
        assertThat(got.path("createdAt").asText()).isNotBlank();
        assertThat(AdminApi.expect(api.get("/tenants"), 200).findValuesAsText("slug")).contains(tenant);
    }

    @Test
    void creatingATenantAnswers201WithItsLocation() {
        String slug = AdminApi.uniqueSlug("loc");

        HttpResponse<String> response = api.post("/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"  Padded  \"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/tenants/" + slug));
        assertThat(AdminApi.json(response).path("name").asText()).isEqualTo("Padded");
    }

    @Test
    void patchRenamesATenant() {
        JsonNode renamed = AdminApi.expect(api.patch("/tenants/" + tenant, "{\"name\":\"Renamed Corp\"}"), 200);

        assertThat(renamed.path("name").asText()).isEqualTo("Renamed Corp");
        assertThat(renamed.path("slug").asText()).isEqualTo(tenant);
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant), 200).path("name").asText()).isEqualTo("Renamed Corp");
    }

    @Test
    void aDuplicateTenantSlugIsAConflict() {
        JsonNode body = problem(api.post("/tenants", "{\"slug\":\"" + tenant + "\",\"name\":\"Again\"}"), 409);

        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("slug");
    }

    @Test
    void aDuplicateProviderNameIsAConflict() {
        JsonNode body = problem(api.post("/tenants/" + tenant + "/providers",
                "{\"name\":\"echo\",\"targets\":[{\"url\":\"http://127.0.0.1:10\"}]}"), 409);

        assertThat(body.path("errors").get(0).path("field").asText()).isEqualTo("name");
    }

    @Test
    void theSameProviderNameInAnotherTenantIsFine() {
        String other = api.createTenant("res2");

        api.createProvider(other, "echo", "http://127.0.0.1:9");
    }

    @Test
    void aDuplicateRouteNameIsAConflict() {
        problem(api.post("/tenants/" + tenant + "/routes",
                "{\"name\":\"echo\",\"pathPrefix\":\"/other\",\"provider\":\"echo\"}"), 409);
    }

    @Test
    void deletingAProviderThatARouteUsesIsAConflictNamingTheRoute() {
        JsonNode body = problem(api.delete("/tenants/" + tenant + "/providers/echo"), 409);

        assertThat(body.path("detail").asText()).contains("echo");
        AdminApi.expect(api.get("/tenants/" + tenant + "/providers/echo"), 200);
    }

    @Test
    void deletingAProviderUsedOnlyAsAFallbackIsAConflictToo() {
        api.createProvider(tenant, "spare", "http://127.0.0.1:10");
        api.createRoute(tenant, "{\"name\":\"with-fallback\",\"pathPrefix\":\"/fb\",\"provider\":\"echo\","
                + "\"fallbackProviders\":[\"spare\"]}");

        problem(api.delete("/tenants/" + tenant + "/providers/spare"), 409);
    }

    @Test
    void aProviderIsDeletableOnceNoRouteUsesIt() {
        AdminApi.expect(api.delete("/tenants/" + tenant + "/routes/echo"), 204);

        AdminApi.expect(api.delete("/tenants/" + tenant + "/providers/echo"), 204);

        problem(api.get("/tenants/" + tenant + "/providers/echo"), 404);
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant + "/providers"), 200)).isEmpty();
    }

    @Test
    void unknownTenantsProvidersAndRoutesAreNotFound() {
        problem(api.get("/tenants/no-such-tenant-1"), 404);
        problem(api.patch("/tenants/no-such-tenant-1", "{\"name\":\"X\"}"), 404);
        problem(api.delete("/tenants/no-such-tenant-1"), 404);
        problem(api.get("/tenants/no-such-tenant-1/providers"), 404);
        problem(api.get("/tenants/no-such-tenant-1/routes"), 404);
        problem(api.post("/tenants/no-such-tenant-1/providers",
                "{\"name\":\"echo\",\"targets\":[{\"url\":\"http://127.0.0.1:9\"}]}"), 404);
        problem(api.get("/tenants/" + tenant + "/providers/nope"), 404);
        problem(api.put("/tenants/" + tenant + "/providers/nope", "{\"targets\":[{\"url\":\"http://127.0.0.1:9\"}]}"), 404);
        problem(api.delete("/tenants/" + tenant + "/providers/nope"), 404);
        problem(api.get("/tenants/" + tenant + "/routes/nope"), 404);
        problem(api.put("/tenants/" + tenant + "/routes/nope", "{\"pathPrefix\":\"/n\",\"provider\":\"echo\"}"), 404);
        problem(api.delete("/tenants/" + tenant + "/routes/nope"), 404);
    }

    @Test
    void anUnknownApiPathIsANotFoundProblemNotTheConsolePage() {
        HttpResponse<String> response = api.get("/no-such-resource");

        assertThat(response.statusCode()).as("%s %s", response.headers().firstValue("Content-Type"), response.body())
                .isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(api.get("/tenants/" + tenant + "/no-such-collection").statusCode()).isEqualTo(404);
    }

    @Test
    void anUnsupportedMethodIsAMethodNotAllowedProblem() {
        HttpResponse<String> response = api.delete("/tenants");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Allow")).isPresent();
    }

    @Test
    void aRouteIsStoredWithNormalisedValuesAndContractDefaults() {
        JsonNode created = api.createRoute(tenant, "{\"name\":\"norm\",\"pathPrefix\":\"/norm/\",\"methods\":[\"get\",\"post\"],"
                + "\"provider\":\"echo\"}");

        assertThat(created.path("pathPrefix").asText()).isEqualTo("/norm");
        JsonNode got = AdminApi.expect(api.get("/tenants/" + tenant + "/routes/norm"), 200);
        assertThat(got.path("methods").toString()).isEqualTo("[\"GET\",\"POST\"]");
        assertThat(got.path("provider").asText()).isEqualTo("echo");
        assertThat(got.path("fallbackProviders").isEmpty()).isTrue();
        assertThat(got.path("stripPrefix").asBoolean()).isTrue();
        assertThat(got.path("public").asBoolean()).isFalse();
        assertThat(got.path("auth").toString()).isEqualTo("[\"BASIC\",\"AKSK\",\"JWT\"]");
        assertThat(got.path("timeoutMs").asInt()).isEqualTo(30000);
        assertThat(got.path("retry").path("maxAttempts").asInt()).isEqualTo(3);
        assertThat(got.path("retry").path("initialBackoffMs").asInt()).isEqualTo(100);
        assertThat(got.path("retry").path("maxBackoffMs").asInt()).isEqualTo(2000);
        assertThat(got.path("retry").path("retryOn").toString()).isEqualTo("[\"connect-failure\",\"502\",\"503\",\"504\"]");
        assertThat(got.path("retry").path("retryNonIdempotent").asBoolean()).isFalse();
    }

    @Test
    void putReplacesARoute() {
        api.createProvider(tenant, "other", "http://127.0.0.1:10");

        JsonNode replaced = AdminApi.expect(api.put("/tenants/" + tenant + "/routes/echo",
                "{\"pathPrefix\":\"/v2\",\"provider\":\"other\",\"public\":true,\"timeoutMs\":5000}"), 200);

        assertThat(replaced.path("name").asText()).isEqualTo("echo");
        assertThat(replaced.path("pathPrefix").asText()).isEqualTo("/v2");
        assertThat(replaced.path("provider").asText()).isEqualTo("other");
        assertThat(replaced.path("public").asBoolean()).isTrue();
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant + "/routes"), 200).get(0).path("timeoutMs").asInt())
                .isEqualTo(5000);
    }

    @Test
    void deletingATenantRemovesItsProvidersAndRoutes() {
        AdminApi.expect(api.delete("/tenants/" + tenant), 204);

        problem(api.get("/tenants/" + tenant), 404);
        problem(api.get("/tenants/" + tenant + "/routes"), 404);
        api.post("/tenants", "{\"slug\":\"" + tenant + "\",\"name\":\"Back\"}");
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant + "/providers"), 200)).isEmpty();
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant + "/routes"), 200)).isEmpty();
    }
}
