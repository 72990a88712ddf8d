package io.gatehouse.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import io.gatehouse.gateway.AdminApi;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Console users and personal API tokens through the admin API: validation, who sees whom, the last platform admin,
 * tokens as Bearer credentials - and no password or token ever in the application log (checked after every test).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"logging.level.io.gatehouse=TRACE", "logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.security=DEBUG", "logging.level.org.hibernate.SQL=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class UsersAndTokensApiTest {
    private static final String STRONG = "correct horse battery staple";

    @LocalServerPort
    int consolePort;
    @Autowired
    JdbcTemplate jdbc;

    private AdminApi api;
    private final List<String> secrets = new ArrayList<>();

    @BeforeEach
    void client() {
        api = new AdminApi(consolePort);
        secrets.add(STRONG);
    }

    @AfterEach
    void noPasswordOrTokenReachedTheLog(CapturedOutput output) {
        for (String secret : secrets) {
            assertThat(output.getAll()).as("application log").doesNotContain(secret);
        }
    }

    // --- creating users --------------------------------------------------------------------------------------

    @Test
    void aWeakPasswordIsA400OnThePasswordField() {
        String name = uniqueName("weak");
        secrets.add("qz7-tiny");

        JsonNode problem = problem(createUser(name, "qz7-tiny", "PLATFORM_ADMIN", List.of()), 400);

        assertThat(fields(problem)).containsExactly("password");
        assertThat(api.get("/users/" + name).statusCode()).isEqualTo(404);
    }

    @Test
    void aDuplicateUsernameIsA409OnTheUsernameField() {
        String name = uniqueName("dup");
        AdminApi.expect(createUser(name, STRONG, "PLATFORM_ADMIN", List.of()), 201);

        JsonNode problem = problem(createUser(name, STRONG + " again", "PLATFORM_ADMIN", List.of()), 409);

        assertThat(fields(problem)).containsExactly("username");
    }

    @Test
    void anUnknownRoleIsA400OnTheRoleField() {
        JsonNode problem = problem(api.post("/users", "{\"username\":\"" + uniqueName("role")
                + "\",\"role\":\"SUPERUSER\",\"tenants\":[]}"), 400);

        assertThat(fields(problem)).containsExactly("role");
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("TENANT_ADMIN");
    }

    @Test
    void aGeneratedPasswordIsShownOnceAndSignsIn() {
        String tenant = api.createTenant("gen");
        String name = uniqueName("gen");

        HttpResponse<String> created = api.post("/users", "{\"username\":\"" + name
                + "\",\"role\":\"TENANT_VIEWER\",\"tenants\":[\"" + tenant + "\"]}");

        JsonNode body = AdminApi.expect(created, 201);
        String password = body.path("password").asText();
        secrets.add(password);
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        assertThat(body.path("tenants").get(0).asText()).isEqualTo(tenant);
        HttpResponse<String> read = api.get("/users/" + name);
        assertThat(AdminApi.expect(read, 200).has("password")).isFalse();
        assertThat(read.body() + api.get("/users").body()).doesNotContain(password);

        JsonNode me = AdminApi.expect(api.sendAs(name, password, "GET", "/me", null), 200);
        assertThat(me.path("username").asText()).isEqualTo(name);
        assertThat(me.path("role").asText()).isEqualTo("TENANT_VIEWER");
    }

    @Test
    void aPasswordResetIsShownOnceAndReplacesTheOldOne() {
        String name = uniqueName("reset");
        AdminApi.expect(createUser(name, STRONG, "TENANT_VIEWER", List.of(api.createTenant("reset"))), 201);

        String fresh = AdminApi.expect(api.post("/users/" + name + "/password-reset", null), 200)
                .path("password").asText();
        secrets.add(fresh);

        assertThat(api.sendAs(name, STRONG, "GET", "/me", null).statusCode()).isEqualTo(401);
        assertThat(api.sendAs(name, fresh, "GET", "/me", null).statusCode()).isEqualTo(200);
    }

    // --- who sees whom -----------------------------------------------------------------------------------------

    @Test
    void aTenantAdminSeesAndManagesOnlyUsersOfItsTenants() {
        String mine = api.createTenant("mine");
        String theirs = api.createTenant("theirs");
        String boss = uniqueName("boss");
        String colleague = uniqueName("colleague");
        String stranger = uniqueName("stranger");
        String both = uniqueName("both");
        AdminApi.expect(createUser(boss, STRONG, "TENANT_ADMIN", List.of(mine)), 201);
        AdminApi.expect(createUser(colleague, STRONG, "TENANT_VIEWER", List.of(mine)), 201);
        AdminApi.expect(createUser(stranger, STRONG, "TENANT_VIEWER", List.of(theirs)), 201);
        AdminApi.expect(createUser(both, STRONG, "TENANT_VIEWER", List.of(mine, theirs)), 201);

        JsonNode listed = AdminApi.expect(api.sendAs(boss, STRONG, "GET", "/users", null), 200);

        assertThat(listed.findValuesAsText("username")).containsExactlyInAnyOrder(boss, colleague, both);
        assertThat(listed.toString()).doesNotContain(theirs);
        assertThat(problemAs(boss, "GET", "/users/" + stranger, null, 404).path("detail").asText())
                .isEqualTo("no user '" + stranger + "'");
        problemAs(boss, "GET", "/users/" + AdminApi.ADMIN_USER, null, 404);
        problemAs(boss, "PATCH", "/users/" + stranger, "{\"enabled\":false}", 404);
        problemAs(boss, "POST", "/users", "{\"username\":\"" + uniqueName("pa")
                + "\",\"password\":\"" + STRONG + "\",\"role\":\"PLATFORM_ADMIN\",\"tenants\":[]}", 403);
        JsonNode foreign = problemAs(boss, "POST", "/users", "{\"username\":\"" + uniqueName("foreign")
                + "\",\"role\":\"TENANT_VIEWER\",\"tenants\":[\"" + theirs + "\"]}", 400);
        assertThat(fields(foreign)).containsExactly("tenants[0]");

        JsonNode promoted = AdminApi.expect(api.sendAs(boss, STRONG, "PATCH", "/users/" + colleague,
                "{\"role\":\"TENANT_ADMIN\"}"), 200);
        assertThat(promoted.path("role").asText()).isEqualTo("TENANT_ADMIN");
        // Changing "both" leaves its membership in the tenant the tenant admin cannot see untouched.
        AdminApi.expect(api.sendAs(boss, STRONG, "PATCH", "/users/" + both, "{\"tenants\":[\"" + mine + "\"]}"), 200);
        JsonNode bothAfter = AdminApi.expect(api.get("/users/" + both), 200);
        assertThat(bothAfter.path("tenants").toString()).contains(mine).contains(theirs);
    }

    @Test
    void aViewerSeesOnlyItselfAndCannotManageUsers() {
        String viewer = uniqueName("viewer");
        AdminApi.expect(createUser(viewer, STRONG, "TENANT_VIEWER", List.of(api.createTenant("view"))), 201);

        JsonNode listed = AdminApi.expect(api.sendAs(viewer, STRONG, "GET", "/users", null), 200);

        assertThat(listed.findValuesAsText("username")).containsExactly(viewer);
        problemAs(viewer, "POST", "/users", "{\"username\":\"" + uniqueName("x") + "\",\"role\":\"TENANT_VIEWER\","
                + "\"tenants\":[]}", 403);
    }

    @Test
    void theLastEnabledPlatformAdminCanBeNeitherDemotedDisabledNorDeleted() {
        String other = uniqueName("other-admin");
        AdminApi.expect(createUser(other, STRONG, "PLATFORM_ADMIN", List.of()), 201);
        String tenant = api.createTenant("last");
        // With another admin around, changing yourself is what is refused.
        problem(api.patch("/users/" + AdminApi.ADMIN_USER, "{\"enabled\":false}"), 403);
        problem(api.delete("/users/" + AdminApi.ADMIN_USER), 403);
        // Other platform admins (also those earlier tests made) go, so "admin" is the last one.
        for (JsonNode user : AdminApi.expect(api.get("/users"), 200)) {
            String name = user.path("username").asText();
            if (!name.equals(AdminApi.ADMIN_USER) && user.path("role").asText().equals("PLATFORM_ADMIN")) {
                AdminApi.expect(api.patch("/users/" + name, "{\"enabled\":false}"), 200);
            }
        }

        JsonNode demoted = problem(api.patch("/users/" + AdminApi.ADMIN_USER,
                "{\"role\":\"TENANT_ADMIN\",\"tenants\":[\"" + tenant + "\"]}"), 409);
        problem(api.patch("/users/" + AdminApi.ADMIN_USER, "{\"enabled\":false}"), 409);
        problem(api.delete("/users/" + AdminApi.ADMIN_USER), 409);

        assertThat(demoted.path("detail").asText()).contains("last enabled platform admin");
        JsonNode admin = AdminApi.expect(api.get("/users/" + AdminApi.ADMIN_USER), 200);
        assertThat(admin.path("role").asText()).isEqualTo("PLATFORM_ADMIN");
        assertThat(admin.path("enabled").asBoolean()).isTrue();
        AdminApi.expect(api.patch("/users/" + other, "{\"enabled\":true}"), 200);
    }

    // --- own password ------------------------------------------------------------------------------------------

    @Test
    void aUserChangesItsOwnPasswordWithTheCurrentOne() {
        String name = uniqueName("self");
        String next = "purple elephant marmalade " + UUID.randomUUID().toString().substring(0, 6);
        secrets.add(next);
        secrets.add("weakling");
        AdminApi.expect(createUser(name, STRONG, "TENANT_VIEWER", List.of(api.createTenant("self"))), 201);

        assertThat(fields(problemAs(name, "PUT", "/me/password", passwordChange("wrong current pw", next), 400)))
                .containsExactly("currentPassword");
        assertThat(fields(problemAs(name, "PUT", "/me/password", passwordChange(STRONG, "weakling"), 400)))
                .containsExactly("newPassword");
        assertThat(api.sendAs(name, STRONG, "PUT", "/me/password", passwordChange(STRONG, next)).statusCode())
                .isEqualTo(204);

        assertThat(api.sendAs(name, STRONG, "GET", "/me", null).statusCode()).isEqualTo(401);
        assertThat(api.sendAs(name, next, "GET", "/me", null).statusCode()).isEqualTo(200);
    }

    // --- API tokens --------------------------------------------------------------------------------------------

    @Test
    void aTokenSignsInAsBearerButCannotMintTokensOrChangePasswords() {
        JsonNode created = AdminApi.expect(api.post("/me/tokens", "{\"name\":\"ci-deploy\",\"expiresInDays\":30}"), 201);
        String token = created.path("token").asText();
        secrets.add(token);
        assertThat(token).matches("gat_[a-z0-9]{16}_[A-Za-z0-9]{32}");
        assertThat(created.path("state").asText()).isEqualTo("ACTIVE");

        assertThat(bearer(token, "GET", "/tenants", null).statusCode()).isEqualTo(200);
        assertThat(AdminApi.json(bearer(token, "GET", "/me", null)).path("username").asText())
                .isEqualTo(AdminApi.ADMIN_USER);
        problem(bearer(token, "POST", "/me/tokens", "{\"name\":\"more\"}"), 403);
        problem(bearer(token, "PUT", "/me/password", passwordChange(AdminApi.ADMIN_PASSWORD, STRONG)), 403);

        String listed = api.get("/me/tokens").body() + bearer(token, "GET", "/me/tokens", null).body();
        assertThat(listed).contains(created.path("id").asText()).doesNotContain(token)
                .doesNotContain(token.substring(token.lastIndexOf('_') + 1));
        JsonNode mine = AdminApi.json(api.get("/me/tokens"));
        JsonNode entry = mine.findParents("id").stream()
                .filter(t -> t.path("id").asText().equals(created.path("id").asText())).findFirst().orElseThrow();
        assertThat(entry.path("lastUsedAt").isNull()).isFalse();

        JsonNode revoked = AdminApi.expect(api.delete("/me/tokens/" + created.path("id").asText()), 200);
        assertThat(revoked.path("state").asText()).isEqualTo("REVOKED");
        assertInvalidToken(bearer(token, "GET", "/tenants", null));
    }

    @Test
    void aTokenSignsInAlsoWhenAnotherApplicationReplacedTheJvmWideSecurityStrategy() {
        String token = AdminApi.expect(api.post("/me/tokens", "{\"name\":\"jvm\"}"), 201).path("token").asText();
        secrets.add(token);
        // Every Vaadin application that starts installs its own strategy JVM-wide, as tests do with several contexts.
        SecurityContextHolderStrategy original = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(new VaadinAwareSecurityContextHolderStrategy());
        try {
            assertThat(bearer(token, "GET", "/tenants", null).statusCode()).isEqualTo(200);
            assertThat(AdminApi.json(bearer(token, "GET", "/me", null)).path("username").asText())
                    .isEqualTo(AdminApi.ADMIN_USER);
        } finally {
            SecurityContextHolder.setContextHolderStrategy(original);
        }
    }

    @Test
    void garbageUnknownAndExpiredTokensAre401WithABearerChallenge() {
        assertInvalidToken(bearer("not-a-token", "GET", "/tenants", null));
        assertInvalidToken(bearer("gat_0123456789abcdef_0123456789abcdefghijABCDEFGHIJ01", "GET", "/tenants", null));
        JsonNode created = AdminApi.expect(api.post("/me/tokens", "{\"name\":\"short-lived\",\"expiresInDays\":1}"), 201);
        String token = created.path("token").asText();
        secrets.add(token);
        assertThat(bearer(token, "GET", "/tenants", null).statusCode()).isEqualTo(200);
        assertInvalidToken(bearer(token + "x", "GET", "/tenants", null));

        jdbc.update("UPDATE api_token SET expires_at = DATEADD('DAY', -1, CURRENT_TIMESTAMP) WHERE public_id = ?",
                created.path("id").asText());

        assertInvalidToken(bearer(token, "GET", "/tenants", null));
        assertThat(api.get("/me/tokens").body()).contains("EXPIRED");
    }

    @Test
    void tokenExpiryMustBeBetweenOneAnd365Days() {
        for (String days : List.of("0", "366", "-5")) {
            assertThat(fields(problem(api.post("/me/tokens", "{\"name\":\"x\",\"expiresInDays\":" + days + "}"), 400)))
                    .containsExactly("expiresInDays");
        }
        assertThat(fields(problem(api.post("/me/tokens", "{\"name\":\"  \"}"), 400))).containsExactly("name");
        JsonNode byDefault = AdminApi.expect(api.post("/me/tokens", "{\"name\":\"default\"}"), 201);
        secrets.add(byDefault.path("token").asText());
        assertThat(java.time.OffsetDateTime.parse(byDefault.path("expiresAt").asText()))
                .isBetween(java.time.OffsetDateTime.now().plusDays(89), java.time.OffsetDateTime.now().plusDays(91));
    }

    @Test
    void disablingOrDeletingAUserStopsItsTokens() {
        String name = uniqueName("scripted");
        AdminApi.expect(createUser(name, STRONG, "TENANT_ADMIN", List.of(api.createTenant("tok"))), 201);
        String token = AdminApi.expect(api.sendAs(name, STRONG, "POST", "/me/tokens", "{\"name\":\"cron\"}"), 201)
                .path("token").asText();
        secrets.add(token);
        assertThat(bearer(token, "GET", "/tenants", null).statusCode()).isEqualTo(200);

        AdminApi.expect(api.patch("/users/" + name, "{\"enabled\":false}"), 200);
        assertInvalidToken(bearer(token, "GET", "/tenants", null));

        AdminApi.expect(api.patch("/users/" + name, "{\"enabled\":true}"), 200);
        assertThat(bearer(token, "GET", "/tenants", null).statusCode()).isEqualTo(200);

        AdminApi.expect(api.delete("/users/" + name), 204);
        assertInvalidToken(bearer(token, "GET", "/tenants", null));
    }

    @Test
    void aTokenActsWithItsUsersCurrentRole() {
        String name = uniqueName("demoted");
        String tenant = api.createTenant("role");
        AdminApi.expect(createUser(name, STRONG, "TENANT_ADMIN", List.of(tenant)), 201);
        String token = AdminApi.expect(api.sendAs(name, STRONG, "POST", "/me/tokens", "{\"name\":\"ops\"}"), 201)
                .path("token").asText();
        secrets.add(token);
        assertThat(bearer(token, "PATCH", "/tenants/" + tenant, "{\"name\":\"Renamed\"}").statusCode()).isEqualTo(200);

        AdminApi.expect(api.patch("/users/" + name, "{\"role\":\"TENANT_VIEWER\"}"), 200);

        problem(bearer(token, "PATCH", "/tenants/" + tenant, "{\"name\":\"Again\"}"), 403);
        assertThat(bearer(token, "GET", "/tenants/" + tenant, null).statusCode()).isEqualTo(200);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private HttpResponse<String> createUser(String name, String password, String role, List<String> tenants) {
        String tenantList = tenants.stream().map(t -> "\"" + t + "\"").reduce((a, b) -> a + "," + b).orElse("");
        return api.post("/users", "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"role\":\""
                + role + "\",\"tenants\":[" + tenantList + "]}");
    }

    private HttpResponse<String> bearer(String token, String method, String path, String json) {
        HttpRequest.Builder request = api.request(path).header("Authorization", "Bearer " + token).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return api.execute(request.build());
    }

    private JsonNode problemAs(String user, String method, String path, String json, int status) {
        return problem(api.sendAs(user, STRONG, method, path, json), status);
    }

    private static String passwordChange(String current, String next) {
        return "{\"currentPassword\":\"" + current + "\",\"newPassword\":\"" + next + "\"}";
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> fields(JsonNode problem) {
        return problem.path("errors").findValuesAsText("field");
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s %s answered %s", response.request().method(), response.request().uri(),
                response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = AdminApi.json(response);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asText()).isNotBlank();
        return body;
    }

    private static void assertInvalidToken(HttpResponse<String> response) {
        problem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(value -> assertThat(value).startsWith("Bearer").contains("invalid_token"));
    }
}
