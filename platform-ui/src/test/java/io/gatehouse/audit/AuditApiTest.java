package io.gatehouse.audit;

import static io.gatehouse.gateway.AdminApi.expect;
import static io.gatehouse.gateway.AdminApi.expectFieldError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The audit API over real HTTP: changes made through the admin API appear; filters, paging, CSV and bad input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditApiTest {
    private static final String READER_PASSWORD = "a reader's long pass phrase";
    private static final String ECHO = "http://127.0.0.1:9";

    private AdminApi api;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int consolePort;

    @BeforeAll
    void client() {
        api = new AdminApi(consolePort);
    }

    private JsonNode audit(String query) {
        return expect(api.get("/audit" + (query.isEmpty() ? "" : "?" + query)), 200);
    }

    private static List<String> actions(JsonNode page) {
        return items(page).stream().map(n -> n.path("action").asText()).toList();
    }

    private static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A tenant with one provider and one route, made through the admin API; returns the slug. */
    private String tenantWithProviderAndRoute(String prefix) {
        String tenant = api.createTenant(prefix);
        api.createProvider(tenant, "echo", ECHO);
        api.createPublicRoute(tenant, "echo", "/echo", "echo");
        return tenant;
    }

    @Test
    void changesThroughTheAdminApiAppearNewestFirstWithWhoWhenAndWhat() {
        Instant before = Instant.now();
        String tenant = tenantWithProviderAndRoute("who");

        JsonNode page = audit("tenant=" + tenant);

        assertThat(actions(page)).containsExactly("route.create", "provider.create", "tenant.create");
        assertThat(page.path("nextCursor").isNull()).isTrue();
        JsonNode created = items(page).get(2);
        assertThat(created.properties()).extracting(e -> e.getKey()).containsExactly("id", "occurredAt", "actor",
                "actorIp", "action", "tenant", "objectType", "objectId", "detail");
        assertThat(created.path("actor").asText()).isEqualTo("admin");
        assertThat(created.path("actorIp").asText()).isEqualTo("127.0.0.1");
        assertThat(created.path("tenant").asText()).isEqualTo(tenant);
        assertThat(created.path("objectType").asText()).isEqualTo("tenant");
        assertThat(created.path("objectId").asText()).isEqualTo(tenant);
        assertThat(created.path("detail").asText()).contains("Tenant " + tenant);
        assertThat(Instant.parse(created.path("occurredAt").asText())).isBetween(before, Instant.now());
        assertThat(items(page).get(1).path("objectId").asText()).isEqualTo("echo");
    }

    @Test
    void filtersNarrowByTenantActorActionPrefixTypeAndTime() {
        String tenant = tenantWithProviderAndRoute("filt");
        String other = tenantWithProviderAndRoute("filt-other");
        expect(api.put("/tenants/" + tenant + "/providers/echo", "{\"name\":\"echo\",\"targets\":[{\"url\":\""
                + ECHO + "\"}],\"connectTimeoutMs\":900}"), 200);

        assertThat(actions(audit("tenant=" + tenant + "&action=provider.")))
                .containsExactly("provider.update", "provider.create");
        assertThat(actions(audit("tenant=" + tenant + "&action=provider.create"))).containsExactly("provider.create");
        assertThat(actions(audit("tenant=" + tenant + "&action=provider"))).isEmpty();
        assertThat(actions(audit("tenant=" + tenant + "&type=route"))).containsExactly("route.create");
        assertThat(actions(audit("tenant=" + tenant + "&actor=admin"))).hasSize(4);
        assertThat(actions(audit("tenant=" + tenant + "&actor=somebody-else"))).isEmpty();
        assertThat(items(audit("tenant=" + other))).extracting(n -> n.path("tenant").asText()).containsOnly(other);
        assertThat(items(audit("action=tenant.create&limit=1000"))).extracting(n -> n.path("objectId").asText())
                .contains(tenant, other);

        List<JsonNode> all = items(audit("tenant=" + tenant));
        String providerCreated = all.get(2).path("occurredAt").asText();
        String routeCreated = all.get(1).path("occurredAt").asText();
        assertThat(actions(audit("tenant=" + tenant + "&from=" + enc(providerCreated) + "&to=" + enc(routeCreated))))
                .containsExactly("provider.create");
        assertThat(actions(audit("tenant=" + tenant + "&from=" + enc(routeCreated))))
                .containsExactly("provider.update", "route.create");
        String inPlusTwo = OffsetDateTime.parse(routeCreated).withOffsetSameInstant(ZoneOffset.ofHours(2)).toString();
        assertThat(actions(audit("tenant=" + tenant + "&to=" + enc(inPlusTwo))))
                .containsExactly("provider.create", "tenant.create");
    }

    @Test
    void pagingWithTheCursorReturnsEveryEntryOnceWhileNewOnesArrive() {
        String tenant = api.createTenant("page");
        for (int i = 0; i < 12; i++) {
            api.createProvider(tenant, "p" + i, ECHO);
        }
        List<Long> expected = items(audit("tenant=" + tenant + "&limit=1000")).stream()
                .map(n -> n.path("id").asLong()).toList();
        assertThat(expected).hasSize(13);

        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = audit("tenant=" + tenant + "&limit=5" + (cursor == null ? "" : "&cursor=" + cursor));
            items(page).forEach(n -> seen.add(n.path("id").asLong()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
            api.createProvider(tenant, "late" + pages, ECHO); // newer than every page: never shows up behind a cursor
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(expected);
    }

    @Test
    void badParametersAreProblemsWithFieldErrors() {
        expectFieldError(api.get("/audit?limit=0"), "limit");
        expectFieldError(api.get("/audit?limit=1001"), "limit");
        expectFieldError(api.get("/audit?limit=lots"), "limit");
        expectFieldError(api.get("/audit?from=yesterday"), "from");
        expectFieldError(api.get("/audit?to=2026-11-26"), "to");
        expectFieldError(api.get("/audit?from=2026-11-26T10:00:00Z&to=2026-11-26T09:00:00Z"), "to");
        expectFieldError(api.get("/audit?cursor=AAAA"), "cursor");
        expectFieldError(api.get("/audit.csv?from=soon"), "from");
        assertThat(expect(api.get("/audit?limit=1000"), 200).path("items").isArray()).isTrue();
        assertThat(api.sendAs(null, null, "GET", "/audit", null).statusCode()).isEqualTo(401);
        assertThat(api.sendAs("admin", "wrong", "GET", "/audit.csv", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aTamperedCursorIsRefused() {
        String tenant = tenantWithProviderAndRoute("tamper");
        String cursor = audit("tenant=" + tenant + "&limit=1").path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        char last = cursor.charAt(cursor.length() - 3);
        String tampered = cursor.substring(0, cursor.length() - 3) + (last == 'A' ? 'B' : 'A')
                + cursor.substring(cursor.length() - 2);

        expectFieldError(api.get("/audit?tenant=" + tenant + "&limit=1&cursor=" + tampered), "cursor");
        assertThat(actions(audit("tenant=" + tenant + "&limit=1&cursor=" + cursor))).containsExactly("provider.create");
    }

    @Test
    void theCsvExportHasAHeaderGuardsFormulasAndFollowsTheFilters() {
        String tenant = tenantWithProviderAndRoute("csv");
        jdbc.update("INSERT INTO audit_event (occurred_at, actor, actor_ip, action, tenant_slug, object_type, object_id, "
                + "detail) VALUES (?, ?, NULL, 'provider.probe', ?, 'provider', 'echo', ?)",
                OffsetDateTime.now(ZoneOffset.UTC), "=cmd|' /C calc'!A0", tenant, "-1+2, \"quoted\"");

        HttpResponse<String> response = api.get("/audit.csv?tenant=" + tenant + "&action=provider.");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                assertThat(d).contains("attachment").contains("audit.csv"));
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        String[] lines = response.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("id,occurredAt,actor,actorIp,action,tenant,objectType,objectId,detail");
        assertThat(lines[1]).contains(",'=cmd|' /C calc'!A0,,provider.probe," + tenant + ",provider,echo,"
                + "\"'-1+2, \"\"quoted\"\"\"");
        assertThat(lines[2]).contains(",admin,127.0.0.1,provider.create," + tenant + ",provider,echo,");
        assertThat(response.body()).doesNotContain("route.create", "tenant.create");
    }

    @Test
    void aTenantUserReadsOnlyItsTenantsEntriesAndAnotherTenantDoesNotExistForIt() {
        String own = tenantWithProviderAndRoute("scope-own");
        String other = tenantWithProviderAndRoute("scope-other");
        String reader = "audit-reader-" + own;
        expect(api.post("/users", "{\"username\":\"" + reader + "\",\"password\":\"" + READER_PASSWORD
                + "\",\"role\":\"TENANT_VIEWER\",\"tenants\":[\"" + own + "\"]}"), 201);

        JsonNode page = expect(api.sendAs(reader, READER_PASSWORD, "GET", "/audit?limit=1000", null), 200);
        assertThat(page.path("items")).isNotEmpty().allSatisfy(item ->
                assertThat(item.path("tenant").asText()).isEqualTo(own));
        HttpResponse<String> foreign = api.sendAs(reader, READER_PASSWORD, "GET", "/audit?tenant=" + other, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("no tenant '" + other + "'");
        HttpResponse<String> csv = api.sendAs(reader, READER_PASSWORD, "GET", "/audit.csv", null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains(own).doesNotContain(other);
    }
}
