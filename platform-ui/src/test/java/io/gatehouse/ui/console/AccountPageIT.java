package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.testsupport.Commands;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** My account: changing your own password, and a personal API token that works on the admin API until revoked. */
class AccountPageIT extends ConsoleBrowserTestBase {
    private static final String NEXT = "purple elephant marmalade";

    private final TenantService tenants;
    private final UserManagement users;

    AccountPageIT(@Autowired TenantService tenants, @Autowired UserManagement users) {
        this.tenants = tenants;
        this.users = users;
    }

    @Test
    void aUserChangesItsOwnPasswordAfterTheFormRejectsAWeakOne() throws Exception {
        String tenant = UsersConsoleIT.unique("acct");
        tenants.create(tenant, "Account " + tenant);
        String name = UsersConsoleIT.unique("pat");
        users.create(new NewUser(name, UsersConsoleIT.STRONG, ConsoleRole.TENANT_VIEWER, List.of(tenant)));

        page.navigate(url("/login"));
        submitLogin(name, UsersConsoleIT.STRONG);
        assertThat(page).not().hasURL(Pattern.compile(".*/login.*"));
        page.navigate(url("/account"));
        assertThat(page.locator("#account-username")).hasText(name);
        assertThat(page.locator("#account-role")).hasText("Tenant viewer");
        assertThat(page.locator("#account-tenants")).hasText(tenant);
        assertThat(page.locator("#nav-users")).hasCount(0);

        page.locator("#current-password input").fill(UsersConsoleIT.STRONG);
        page.locator("#new-password input").fill("short");
        assertThat(page.locator("#new-password")).hasAttribute("invalid", "");
        assertThat(page.locator("#new-password")).containsText("too short");
        page.locator("#repeat-password input").fill("short");
        page.locator("#change-password").click();
        assertThat(page.locator("#new-password")).hasAttribute("invalid", "");
        assertThat(ApiCalls.basicStatus(url("/api/v1/me"), name, UsersConsoleIT.STRONG)).isEqualTo(200);

        page.locator("#new-password input").fill(NEXT);
        assertThat(page.locator("#new-password")).not().hasAttribute("invalid", "");
        page.locator("#repeat-password input").fill(NEXT + "!");
        assertThat(page.locator("#repeat-password")).containsText("do not match");
        page.locator("#repeat-password input").fill(NEXT);
        assertThat(page.locator("#repeat-password")).not().hasAttribute("invalid", "");
        page.locator("#current-password input").fill("not my password at all");
        page.locator("#change-password").click();
        assertThat(page.locator("#current-password")).containsText("not your current password");

        page.locator("#current-password input").fill(UsersConsoleIT.STRONG);
        page.locator("#change-password").click();
        assertThat(page.getByText("Password changed")).isVisible();
        assertThat(page.locator("#new-password input")).hasValue("");

        page.locator("#sign-out").click();
        assertThat(page).hasURL(Pattern.compile(".*/login(\\?logout)?$"));
        submitLogin(name, NEXT);
        assertThat(page).not().hasURL(Pattern.compile(".*/login.*"));
        page.navigate(url("/account"));
        assertThat(page.locator("#account-username")).hasText(name);
        assertThat(ApiCalls.basicStatus(url("/api/v1/me"), name, UsersConsoleIT.STRONG)).isEqualTo(401);
    }

    @Test
    void aTokenCopiedFromTheAccountPageCallsTheAdminApiUntilItIsRevoked() throws Exception {
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        signInAsAdmin();
        page.locator("#current-user").click();
        assertThat(page).hasURL(Pattern.compile(".*/account$"));
        assertThat(page.locator("#account-role")).hasText("Platform admin");

        page.locator("#new-token").click();
        page.locator("#token-name input").fill("browser-ci");
        page.locator("#token-days input").fill("30");
        page.locator("#token-create").click();
        assertThat(page.locator("#token-warning")).containsText("shown once");
        page.locator("#copy-token").click();
        assertThat(page.getByText("Copied token")).isVisible();
        String token = (String) page.evaluate("() => navigator.clipboard.readText()");
        assertThat(token).matches("gat_[a-z0-9]{16}_[A-Za-z0-9]{32}");
        String apiUrl = url("/api/v1/tenants");
        Locator curl = page.locator("#token-snippet-curl");
        assertThat(curl).hasText("curl -H \"Authorization: Bearer " + token + "\" \"" + apiUrl + "\"");
        Files.createDirectories(Path.of("target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/account-token-once.png")));

        assertThat(ApiCalls.bearer(apiUrl, token).statusCode()).isEqualTo(200);
        if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
            String command = curl.textContent().strip() + " -s -o /dev/null -w '%{http_code}'";
            assertThat(Commands.run("bash", "-c", command)).as(command).isEqualTo("200");
        }
        page.locator("#token-done").click();
        assertThat(page.locator("#token-value")).hasCount(0);
        Locator grid = page.locator("#tokens-grid");
        assertThat(grid).containsText("browser-ci");
        waitForVaadin();
        assertThat(page.content()).doesNotContain(token);

        String id = token.substring(4, 20);
        page.locator("#revoke-token-" + id).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke token").setExact(true)).click();
        assertThat(page.locator("#revoke-token-" + id)).hasCount(0);
        assertThat(grid).containsText("REVOKED");
        HttpResponse<String> revoked = ApiCalls.bearer(apiUrl, token);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }
}
