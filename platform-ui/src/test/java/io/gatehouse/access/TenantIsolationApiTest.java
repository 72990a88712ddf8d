package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.spring.security.VaadinAwareSecurityContextHolderStrategy;
import io.gatehouse.gateway.AdminApi;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.ActiveProfiles;

/**
 * Tenant isolation over the admin API, signed in with HTTP Basic as tenant a's admin and viewer: every resource of
 * tenant b answers 404 exactly like a tenant that does not exist, the viewer's every change is a 403 problem, and
 * no answer carries a secret.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantIsolationApiTest {
    @LocalServerPort
    int consolePort;
    @Autowired
    ApplicationContext context;

    private AdminApi api;
    private TwoTenants fx;

    record Call(String method, String path, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeAll
    void fixture() {
        api = new AdminApi(consolePort);
        fx = new TwoTenants(context);
    }

    private HttpResponse<String> send(TwoTenants.User user, Call call) {
        HttpResponse<String> response = api.sendAs(user.name(), fx.password(user), call.method(), call.path(),
                call.body());
        assertThat(fx.secrets).as("%s by %s answered %s", call, user.name(), response.body())
                .noneMatch(response.body()::contains);
        return response;
    }

    /** Every call the API has on one tenant's objects, reads first; {@code id}: a key of that tenant. */
    private static List<Call> everyCallOn(String slug, String provider, String route, String id, boolean writes) {
        String t = "/tenants/" + slug;
        List<Call> calls = new ArrayList<>(List.of(new Call("GET", t, null),
                new Call("GET", t + "/providers", null), new Call("GET", t + "/providers/" + provider, null),
                new Call("GET", t + "/routes", null), new Call("GET", t + "/routes/" + route, null),
                new Call("GET", t + "/credentials", null), new Call("GET", t + "/credentials/" + id, null),
                new Call("GET", t + "/logs", null), new Call("GET", t + "/logs?q=authz", null),
                new Call("GET", t + "/logs.csv", null), new Call("GET", "/audit?tenant=" + slug, null),
                new Call("GET", "/audit.csv?tenant=" + slug, null)));
        if (writes) {
            calls.addAll(List.of(new Call("PATCH", t, "{\"name\":\"Taken\"}"), new Call("DELETE", t, null),
                    new Call("POST", t + "/providers", "{\"name\":\"new-p\",\"type\":\"mock\"}"),
                    new Call("PUT", t + "/providers/" + provider, "{\"type\":\"mock\"}"),
                    new Call("DELETE", t + "/providers/" + provider, null),
                    new Call("POST", t + "/routes", "{\"name\":\"new-r\",\"pathPrefix\":\"/new-r\",\"provider\":\""
                            + provider + "\"}"),
                    new Call("PUT", t + "/routes/" + route, "{\"pathPrefix\":\"/taken\",\"provider\":\"" + provider
                            + "\"}"),
                    new Call("DELETE", t + "/routes/" + route, null),
                    new Call("POST", t + "/credentials", "{\"type\":\"BASIC\",\"name\":\"stolen\"}"),
                    new Call("DELETE", t + "/credentials/" + id, null),
                    new Call("POST", t + "/credentials/" + id + "/rotate", null)));
        }
        return calls;
    }

    private static void assertProblem(HttpResponse<String> response, int status, Call call) {
        assertThat(response.statusCode()).as("%s answered %s", call, response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as("%s", call)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = AdminApi.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("errors").isArray()).isTrue();
    }

    @Test
    void everyResourceOfAnotherTenantIsNotFoundLikeATenantThatDoesNotExist() {
        String b = fx.b.slug();
        String ghost = fx.unique("authz-ghost");
        for (TwoTenants.User user : List.of(fx.adminA, fx.viewerA)) {
            List<Call> foreign = everyCallOn(b, fx.b.provider(), fx.b.route(), fx.b.credentialId(), true);
            List<Call> unknown = everyCallOn(ghost, fx.b.provider(), fx.b.route(), fx.b.credentialId(), true);
            for (int i = 0; i < foreign.size(); i++) {
                HttpResponse<String> answer = send(user, foreign.get(i));
                assertProblem(answer, 404, foreign.get(i));
                HttpResponse<String> noSuchTenant = send(user, unknown.get(i));
                assertThat(AdminApi.json(answer).path("detail").asText().replace(b, ghost)).as("%s", foreign.get(i))
                        .isEqualTo(AdminApi.json(noSuchTenant).path("detail").asText());
            }
        }
        // nothing of b's changed
        for (Call read : everyCallOn(b, fx.b.provider(), fx.b.route(), fx.b.credentialId(), false)) {
            assertThat(send(fx.platformAdmin, read).statusCode()).as("%s", read).isEqualTo(200);
        }
        JsonNode key = AdminApi.json(send(fx.platformAdmin, new Call("GET", "/tenants/" + b + "/credentials/"
                + fx.b.credentialId(), null)));
        assertThat(key.path("state").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void guessedIdsOfAnotherTenantThroughTheOwnSlugAreNotFoundLikeUnknownIds() {
        String a = "/tenants/" + fx.a.slug();
        List<String[]> guesses = List.of(
                new String[] {a + "/providers/", fx.b.provider()}, new String[] {a + "/routes/", fx.b.route()},
                new String[] {a + "/credentials/", fx.b.credentialId()});
        for (String[] guess : guesses) {
            Call foreign = new Call("GET", guess[0] + guess[1], null);
            Call unknown = new Call("GET", guess[0] + "nothing-here", null);
            HttpResponse<String> answer = send(fx.adminA, foreign);
            assertProblem(answer, 404, foreign);
            assertThat(AdminApi.json(answer).path("detail").asText().replace(guess[1], "nothing-here"))
                    .isEqualTo(AdminApi.json(send(fx.adminA, unknown)).path("detail").asText());
        }
        HttpResponse<String> logs = send(fx.adminA, new Call("GET", a + "/logs?q=" + fx.b.requestId(), null));
        assertThat(AdminApi.json(logs).path("items")).isEmpty();
        HttpResponse<String> csv = send(fx.adminA, new Call("GET", a + "/logs.csv?q=" + fx.b.requestId(), null));
        assertThat(csv.body()).doesNotContain(fx.b.requestId());
    }

    @Test
    void theAuditTrailShowsTenantUsersOnlyTheEntriesOfTheirTenants() {
        for (TwoTenants.User user : List.of(fx.adminA, fx.viewerA)) {
            JsonNode page = AdminApi.json(send(user, new Call("GET", "/audit?limit=1000&from=" + fx.createdAt, null)));
            List<String> tenants = StreamSupport.stream(page.path("items").spliterator(), false)
                    .map(e -> e.path("tenant").asText(null)).distinct().toList();
            assertThat(tenants).as("tenants of the entries %s sees", user.name()).containsExactly(fx.a.slug());
            String csv = send(user, new Call("GET", "/audit.csv?from=" + fx.createdAt, null)).body();
            assertThat(csv).contains(fx.a.slug()).doesNotContain(fx.b.slug()).doesNotContain(fx.b.member().name());
        }
    }

    @Test
    void aTenantAdminListsOnlyItsOwnTenantsAndCannotCreateOne() {
        JsonNode tenants = AdminApi.json(send(fx.adminA, new Call("GET", "/tenants", null)));
        assertThat(StreamSupport.stream(tenants.spliterator(), false).map(t -> t.path("slug").asText()))
                .containsExactly(fx.a.slug());

        Call create = new Call("POST", "/tenants", "{\"slug\":\"" + fx.unique("authz-mine") + "\",\"name\":\"Mine\"}");
        assertProblem(send(fx.adminA, create), 403, create);
        assertProblem(send(fx.viewerA, create), 403, create);
    }

    @Test
    void aViewerReadsItsTenantButEveryChangeIsAForbiddenProblem() {
        List<Call> calls = everyCallOn(fx.a.slug(), fx.a.provider(), fx.a.route(), fx.a.credentialId(), true);
        String member = "/users/" + fx.a.member().name();
        calls.addAll(List.of(new Call("POST", "/users", "{\"username\":\"" + fx.unique("authz-x")
                        + "\",\"role\":\"TENANT_VIEWER\",\"tenants\":[\"" + fx.a.slug() + "\"]}"),
                new Call("PATCH", member, "{\"role\":\"TENANT_ADMIN\"}"), new Call("DELETE", member, null),
                new Call("POST", member + "/password-reset", null)));
        for (Call call : calls) {
            HttpResponse<String> answer = send(fx.viewerA, call);
            if (call.method().equals("GET")) {
                assertThat(answer.statusCode()).as("%s answered %s", call, answer.body()).isEqualTo(200);
            } else {
                assertProblem(answer, 403, call);
            }
        }
        JsonNode key = AdminApi.json(send(fx.viewerA, new Call("GET", "/tenants/" + fx.a.slug() + "/credentials/"
                + fx.a.credentialId(), null)));
        assertThat(key.path("state").asText()).isEqualTo("ACTIVE");
        JsonNode provider = AdminApi.json(send(fx.viewerA, new Call("GET", "/tenants/" + fx.a.slug() + "/providers/"
                + fx.a.provider(), null)));
        assertThat(provider.path("headers").toString()).isEqualTo("[\"X-Api-Key\"]");
    }

    @Test
    void aViewersApiTokenIsJustAsReadOnly() {
        JsonNode created = AdminApi.json(send(fx.viewerA, new Call("POST", "/me/tokens", "{\"name\":\"ci\"}")));
        String token = created.path("token").asText();
        assertThat(token).startsWith("gat_");
        HttpResponse<String> write = api.execute(api.request("/tenants/" + fx.a.slug() + "/providers")
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"tok\",\"type\":\"mock\"}"))
                .build());
        assertProblem(write, 403, new Call("POST", "providers with a token", null));
        HttpResponse<String> foreign = api.execute(api.request("/tenants/" + fx.b.slug() + "/credentials")
                .header("Authorization", "Bearer " + token).GET().build());
        assertProblem(foreign, 404, new Call("GET", "b's credentials with a token", null));
    }

    /**
     * Each application context with Vaadin installs its own security context strategy JVM-wide, so in a test JVM the
     * global one may be another context's; the token must still sign in (it once went to the global one: 401).
     */
    @Test
    void aTokenSignsInWhicheverContextStrategyIsInstalledJvmWide() {
        String token = AdminApi.json(send(fx.viewerA, new Call("POST", "/me/tokens", "{\"name\":\"ci\"}")))
                .path("token").asText();
        SecurityContextHolderStrategy ours = SecurityContextHolder.getContextHolderStrategy();
        SecurityContextHolder.setContextHolderStrategy(new VaadinAwareSecurityContextHolderStrategy());
        try {
            HttpResponse<String> read = api.execute(api.request("/tenants/" + fx.a.slug() + "/routes")
                    .header("Authorization", "Bearer " + token).GET().build());
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        } finally {
            SecurityContextHolder.setContextHolderStrategy(ours);
        }
    }

    @Test
    void onlyPlatformAdminsScrapeMetrics() {
        Call scrape = new Call("GET", "/actuator/prometheus", null);
        assertProblem(send(fx.adminA, scrape), 403, scrape);
        assertProblem(send(fx.viewerA, scrape), 403, scrape);
        assertThat(send(fx.platformAdmin, scrape).statusCode()).isEqualTo(200);
    }
}
