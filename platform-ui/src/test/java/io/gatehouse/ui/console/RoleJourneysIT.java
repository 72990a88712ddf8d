package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteSpec;
import io.gatehouse.gateway.route.TargetSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What a tenant admin and a tenant viewer can see and do in the console, and what stays out of their reach. */
class RoleJourneysIT extends ConsoleBrowserTestBase {
    private static final String PASSWORD = "correct horse battery staple";
    private static boolean seeded;

    @Autowired
    TenantService tenants;
    @Autowired
    ProviderService providers;
    @Autowired
    RouteService routes;
    @Autowired
    UserManagement users;

    @BeforeEach
    void seedTwoTenantsAndTheirUsers() {
        if (seeded) {
            return;
        }
        for (String slug : List.of("rj-own", "rj-other")) {
            tenants.create(slug, "Tenant " + slug);
            providers.create(slug, new ProviderSpec("up", List.of(new TargetSpec("http://127.0.0.1:9", 1)), null, null,
                    null));
            routes.create(slug, new RouteSpec("echo", "/echo", null, "up", null, null, false, null, null, null));
        }
        users.create(new NewUser("rj-admin", PASSWORD, ConsoleRole.TENANT_ADMIN, List.of("rj-own")));
        users.create(new NewUser("rj-viewer", PASSWORD, ConsoleRole.TENANT_VIEWER, List.of("rj-own")));
        users.create(new NewUser("rj-soon-disabled", PASSWORD, ConsoleRole.TENANT_ADMIN, List.of("rj-own")));
        users.create(new NewUser("rj-both", PASSWORD, ConsoleRole.TENANT_ADMIN, List.of("rj-own", "rj-other")));
        seeded = true;
    }

    @Test
    void aTenantAdminSeesOnlyItsTenantIssuesAKeyAndCannotOpenAnotherTenantByUrl() {
        signIn("rj-admin");
        page.navigate(url("/tenants"));
        assertThat(page.locator("#tenants-grid")).containsText("rj-own");
        assertThat(page.locator("#tenants-grid")).not().containsText("rj-other");
        assertThat(page.locator("#new-tenant")).isHidden();

        page.navigate(url("/tenants/rj-own/credentials"));
        assertThat(page.locator("#credentials-heading")).isVisible();
        page.locator("#issue-key").click();
        page.locator("#key-type vaadin-radio-button").filter(new Locator.FilterOptions().setHasText("Basic")).click();
        page.locator("#key-name input").fill("from-tenant-admin");
        page.locator("#key-issue").click();
        assertThat(page.locator("#key-secret-warning")).isVisible();

        page.navigate(url("/tenants/rj-other"));
        assertThat(page.locator("#tenant-missing")).isVisible();
        assertThat(page.locator("#providers-grid")).hasCount(0);
        page.navigate(url("/tenants/rj-other/credentials"));
        assertThat(page.locator("#credentials-missing")).isVisible();
        page.navigate(url("/tenants/rj-other/logs"));
        assertThat(page.locator("#logs-missing")).isVisible();
        page.navigate(url("/logs"));
        assertThat(page.locator("#logs-heading")).hasCount(0);
    }

    @Test
    void aViewerSeesTheTenantWithoutEditButtonsAndTheApiRefusesItsChanges() throws Exception {
        signIn("rj-viewer");
        page.navigate(url("/tenants/rj-own"));
        assertThat(page.locator("#providers-grid")).containsText("up");
        assertThat(page.locator("#routes-grid")).containsText("echo");
        assertThat(page.locator("#new-provider")).isHidden();
        assertThat(page.locator("#new-route")).isHidden();
        assertThat(page.locator("#edit-route-echo")).hasCount(0);
        assertThat(page.locator("#test-route-echo")).hasCount(0);
        assertThat(page.locator("#edit-provider-up")).hasCount(0);
        page.navigate(url("/tenants/rj-own/credentials"));
        assertThat(page.locator("#credentials-heading")).isVisible();
        assertThat(page.locator("#issue-key")).isHidden();

        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("rj-viewer:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/tenants/rj-own/routes")))
                .header("Authorization", basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/tenants/rj-own/routes/echo")))
                .header("Authorization", basic).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
        assertThat(write.body()).contains("read-only");
        assertThat(routes.list("rj-own")).extracting(r -> r.name()).containsExactly("echo");
    }

    @Test
    void aUserOfTwoTenantsSwitchesToTheSamePageOfTheOtherTenant() {
        signIn("rj-admin");
        assertThat(page.locator("#tenant-switcher")).isHidden();
        page.locator("#sign-out").click();
        assertThat(page).hasURL(Pattern.compile(".*/login(\\?logout)?$"));

        signIn("rj-both");
        page.navigate(url("/tenants/rj-own/credentials"));
        assertThat(page.locator("#credentials-heading")).containsText("rj-own");
        assertThat(page.locator("#tenant-switcher input")).hasValue("Tenant rj-own (rj-own)");

        page.locator("#tenant-switcher input").fill("rj-other");
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("(rj-other)")).click();

        assertThat(page).hasURL(Pattern.compile(".*/tenants/rj-other/credentials$"));
        assertThat(page.locator("#credentials-heading")).containsText("rj-other");
    }

    @Test
    void anAccountDisabledDuringItsSessionIsRefusedOnItsNextPageWithTheReason() {
        signIn("rj-soon-disabled");
        page.navigate(url("/tenants/rj-own"));
        assertThat(page.locator("#providers-grid")).containsText("up");

        users.update("rj-soon-disabled", new UserChange(null, null, false));

        page.navigate(url("/tenants/rj-own"));
        assertThat(page.locator("#forbidden-heading")).isVisible();
        assertThat(page.getByText("your account was disabled or removed")).isVisible();
        assertThat(page.locator("#providers-grid")).hasCount(0);
    }

    private void signIn(String username) {
        page.navigate(url("/login"));
        submitLogin(username, PASSWORD);
        assertThat(page.locator("#current-user")).hasText(username);
        assertThat(page).not().hasURL(Pattern.compile(".*/login.*"));
        waitForVaadin();
    }
}
