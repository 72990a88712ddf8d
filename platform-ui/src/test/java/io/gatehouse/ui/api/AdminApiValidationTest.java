package io.gatehouse.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Bad input is a 400 problem with field errors - never a 500. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiValidationTest {
    @LocalServerPort
    int consolePort;

    private AdminApi api;
    private String tenant;

    @BeforeAll
    void fixtures() {
        api = new AdminApi(consolePort);
        tenant = api.createTenant("val");
        api.createProvider(tenant, "echo", "http://127.0.0.1:9");
        api.createRoute(tenant, "{\"name\":\"echo\",\"pathPrefix\":\"/echo\",\"provider\":\"echo\"}");
    }

    /** Asserts a 400 problem and returns its field names. */
    static List<String> badRequestFields(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = AdminApi.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("errors").isArray()).as("errors is a list: %s", response.body()).isTrue();
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(e -> {
            assertThat(e.path("message").asText()).isNotBlank();
            fields.add(e.path("field").asText());
        });
        return fields;
    }

    @Test
    void aBadSlugIsAFieldError() {
        assertThat(badRequestFields(api.post("/tenants", "{\"slug\":\"Bad_Slug!\",\"name\":\"Bad\"}"))).containsExactly("slug");
        assertThat(badRequestFields(api.post("/tenants", "{\"slug\":\"a\",\"name\":\"Too short\"}"))).containsExactly("slug");
        assertThat(badRequestFields(api.post("/tenants", "{\"slug\":\"-dash\",\"name\":\"Dash\"}"))).containsExactly("slug");
    }

    @Test
    void aMissingNameIsAFieldError() {
        assertThat(badRequestFields(api.post("/tenants", "{\"slug\":\"" + AdminApi.uniqueSlug("noname") + "\"}")))
                .containsExactly("name");
        assertThat(badRequestFields(api.post("/tenants", "{}"))).containsExactlyInAnyOrder("slug", "name");
    }

    @Test
    void renamingToABlankNameIsAFieldError() {
        assertThat(badRequestFields(api.patch("/tenants/" + tenant, "{\"name\":\"  \"}"))).containsExactly("name");
    }

    @Test
    void aBadProviderUrlIsAFieldErrorOnThatTarget() {
        HttpResponse<String> response = api.post("/tenants/" + tenant + "/providers",
                "{\"name\":\"bad\",\"targets\":[{\"url\":\"http://127.0.0.1:1\"},{\"url\":\"ftp://files.example\"}]}");

        assertThat(badRequestFields(response)).containsExactly("targets[1].url");
    }

    @Test
    void anUnknownJsonFieldIsAFieldErrorNamingIt() {
        assertThat(badRequestFields(api.post("/tenants", "{\"slug\":\"x-unknown\",\"nmae\":\"typo\"}")))
                .containsExactly("nmae");
        assertThat(badRequestFields(api.post("/tenants/" + tenant + "/routes",
                "{\"name\":\"r\",\"pathPrefix\":\"/r\",\"provider\":\"echo\",\"retry\":{\"attempts\":2}}")))
                .containsExactly("retry.attempts");
    }

    @Test
    void aWrongTypeIsAFieldErrorNamingTheField() {
        assertThat(badRequestFields(api.post("/tenants/" + tenant + "/providers",
                "{\"name\":\"typed\",\"targets\":[{\"url\":\"http://127.0.0.1:1\"}],\"connectTimeoutMs\":\"soon\"}")))
                .containsExactly("connectTimeoutMs");
        assertThat(badRequestFields(api.post("/tenants/" + tenant + "/routes",
                "{\"name\":\"typed\",\"pathPrefix\":\"/t\",\"provider\":\"echo\",\"public\":\"yes please\"}")))
                .containsExactly("public");
        assertThat(badRequestFields(api.post("/tenants/" + tenant + "/providers",
                "{\"name\":\"typed\",\"targets\":[{\"url\":\"http://127.0.0.1:1\",\"weight\":\"heavy\"}]}")))
                .containsExactly("targets[0].weight");
    }

    @Test
    void malformedJsonIsABadRequest() {
        badRequestFields(api.post("/tenants", "{\"slug\":"));
        badRequestFields(api.post("/tenants", "{slug: 'single'}"));
        badRequestFields(api.post("/tenants", "not json at all"));
    }

    @Test
    void aRouteReferencingAMissingProviderIsAFieldError() {
        assertThat(badRequestFields(api.post("/tenants/" + tenant + "/routes",
                "{\"name\":\"orphan\",\"pathPrefix\":\"/orphan\",\"provider\":\"nope\"}"))).containsExactly("provider");
        assertThat(badRequestFields(api.post("/tenants/" + tenant + "/routes",
                "{\"name\":\"orphan\",\"pathPrefix\":\"/orphan\",\"provider\":\"echo\",\"fallbackProviders\":[\"nope\"]}")))
                .containsExactly("fallbackProviders[0]");
    }

    @Test
    void routeFieldErrorsAreAllReportedTogether() {
        List<String> fields = badRequestFields(api.post("/tenants/" + tenant + "/routes",
                "{\"name\":\"many\",\"pathPrefix\":\"/a/../b\",\"methods\":[\"FETCH\"],\"provider\":\"echo\","
                        + "\"auth\":[\"OAUTH\"],\"timeoutMs\":0,\"retry\":{\"maxAttempts\":99,\"retryOn\":[\"sometimes\"]}}"));

        assertThat(fields).contains("pathPrefix", "methods[0]", "auth[0]", "timeoutMs", "retry.maxAttempts",
                "retry.retryOn[0]");
    }

    @Test
    void aNameInTheBodyThatDiffersFromTheUrlIsAFieldError() {
        assertThat(badRequestFields(api.put("/tenants/" + tenant + "/routes/echo",
                "{\"name\":\"other\",\"pathPrefix\":\"/echo\",\"provider\":\"echo\"}"))).containsExactly("name");
        assertThat(badRequestFields(api.put("/tenants/" + tenant + "/providers/echo",
                "{\"name\":\"other\",\"targets\":[{\"url\":\"http://127.0.0.1:9\"}]}"))).containsExactly("name");
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsUnsupportedNotAsAServerError() {
        HttpResponse<String> response = api.execute(api.request("/tenants")
                .header("Authorization", basicAdmin())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("slug=acme")).build());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }

    Stream<String> malformedBodies() {
        return Stream.of("", "null", "[]", "\"a string\"", "42", "{\"a\":",
                "{\"name\":{\"nested\":1}}", "{\"name\":123456789012345678901234567890,\"slug\":1}",
                "{\"targets\":\"http://127.0.0.1:1\"}", "{\"targets\":[null]}", "{\"targets\":[{\"url\":[],\"weight\":{}}]}",
                "{\"targets\":[{\"url\":\"http://127.0.0.1:1\",\"weight\":99999999999999999999}]}",
                "{\"connectTimeoutMs\":1e400}", "{\"responseTimeoutMs\":2147483648}", "{\"headers\":\"X-Api-Key: 1\"}",
                "{\"headers\":{\"X-Api-Key\":null}}", "{\"methods\":[null]}", "{\"fallbackProviders\":[null]}",
                "{\"retry\":{\"retryOn\":[null]}}", "{\"retry\":{\"maxAttempts\":\"three\"}}",
                "{\"public\":null,\"stripPrefix\":\"nope\"}", "{\"name\":\"" + "x".repeat(10_000) + "\"}");
    }

    @ParameterizedTest
    @MethodSource("malformedBodies")
    void malformedBodiesAreBadRequestsOnEveryWritingEndpoint(String body) {
        List<String[]> endpoints = List.of(
                new String[] {"POST", "/tenants"},
                new String[] {"PATCH", "/tenants/" + tenant},
                new String[] {"POST", "/tenants/" + tenant + "/providers"},
                new String[] {"PUT", "/tenants/" + tenant + "/providers/echo"},
                new String[] {"POST", "/tenants/" + tenant + "/routes"},
                new String[] {"PUT", "/tenants/" + tenant + "/routes/echo"});
        for (String[] endpoint : endpoints) {
            HttpResponse<String> response = api.send(endpoint[0], endpoint[1], body);
            assertThat(response.statusCode()).as("%s %s with %s answered %s", endpoint[0], endpoint[1],
                    body.length() > 80 ? body.substring(0, 80) + "..." : body, response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).as("%s %s", endpoint[0], endpoint[1])
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void theFixturesSurvivedEveryBadRequest() {
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant + "/providers/echo"), 200).path("targets").get(0)
                .path("url").asText()).isEqualTo("http://127.0.0.1:9");
        assertThat(AdminApi.expect(api.get("/tenants/" + tenant + "/routes/echo"), 200).path("pathPrefix").asText())
                .isEqualTo("/echo");
    }

    private static String basicAdmin() {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(
                (AdminApi.ADMIN_USER + ":" + AdminApi.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
