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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The Users page: an admin creates a tenant admin, who then manages only the users of its tenant. */
class UsersConsoleIT extends ConsoleBrowserTestBase {
    static final String STRONG = "correct horse battery staple";

    private final TenantService tenants;
    private final UserManagement users;

    UsersConsoleIT(@Autowired TenantService tenants, @Autowired UserManagement users) {
        this.tenants = tenants;
        this.users = users;
    }

    @Test
    void anAdminCreatesATenantAdminWithAGeneratedPasswordWhoThenSeesOnlyItsTenantsUsers() throws Exception {
        String mine = unique("team");
        String theirs = unique("else");
        tenants.create(mine, "Team " + mine);
        tenants.create(theirs, "Else " + theirs);
        String colleague = unique("colleague");
        String stranger = unique("stranger");
        users.create(new NewUser(colleague, STRONG, ConsoleRole.TENANT_VIEWER, List.of(mine)));
        users.create(new NewUser(stranger, STRONG, ConsoleRole.TENANT_VIEWER, List.of(theirs)));
        String boss = unique("boss");
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));

        signInAsAdmin();
        page.locator("#nav-users").click();
        assertThat(page).hasURL(Pattern.compile(".*/users$"));
        page.locator("#new-user").click();
        page.locator("#user-username input").fill(boss);
        chooseRole("Tenant admin");
        pickTenant(mine);
        assertThat(page.locator("#user-generate")).hasAttribute("checked", "");
        assertThat(page.locator("#user-password")).isHidden();
        page.locator("#user-create").click();

        assertThat(page.locator("#user-password-warning")).containsText("shown once");
        String password = page.locator("#user-password-value input").inputValue();
        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        page.locator("#copy-user-password").click();
        assertThat(page.getByText("Copied password")).isVisible();
        assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(password);
        Files.createDirectories(Path.of("target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/users-password-once.png")));
        page.locator("#user-password-done").click();
        assertThat(page.locator("#user-password-value")).hasCount(0);
        assertThat(page.locator("#users-grid")).containsText(boss);
        page.reload();
        assertThat(page.locator("#users-grid")).containsText(boss);
        waitForVaadin();
        assertThat(page.content()).doesNotContain(password);

        page.locator("#sign-out").click();
        assertThat(page).hasURL(Pattern.compile(".*/login(\\?logout)?$"));
        submitLogin(boss, password);
        assertThat(page).not().hasURL(Pattern.compile(".*/login.*"));
        page.navigate(url("/users"));
        assertThat(page.locator("#current-user")).hasText(boss);
        assertThat(page.locator("#nav-users")).isVisible();
        Locator grid = page.locator("#users-grid");
        assertThat(grid).containsText(boss + " (you)");
        assertThat(grid).containsText(colleague);
        assertThat(page.locator("#edit-" + colleague)).hasCount(1);
        assertThat(grid).not().containsText(stranger);
        assertThat(grid).not().containsText(theirs);
        assertThat(page.locator("#edit-" + ADMIN)).hasCount(0);

        page.locator("#new-user").click();
        page.locator("#user-role").click();
        // The select also clones the chosen item into its button, so count the items of the list only.
        Locator offered = page.locator("vaadin-select-list-box vaadin-select-item");
        assertThat(offered).hasCount(2);
        assertThat(offered.filter(new Locator.FilterOptions().setHasText("Platform admin"))).hasCount(0);
    }

    @Test
    void rowActionsEditResetDisableAndDeleteWithErrorsAsNotices() throws Exception {
        String tenant = unique("rows");
        tenants.create(tenant, "Rows " + tenant);
        String person = unique("person");
        users.create(new NewUser(person, STRONG, ConsoleRole.TENANT_VIEWER, List.of(tenant)));
        signInAsAdmin();
        page.navigate(url("/users"));
        Locator grid = page.locator("#users-grid");
        assertThat(grid).containsText(person);

        // A typed password is checked as it is typed; a duplicate name comes back on the name field.
        page.locator("#new-user").click();
        page.locator("#user-username input").fill(person);
        page.locator("#user-generate input").click();
        page.locator("#user-password input").fill("tooshort");
        assertThat(page.locator("#user-password")).hasAttribute("invalid", "");
        assertThat(page.locator("#user-password")).containsText("too short");
        page.locator("#user-password input").fill("a much longer passphrase");
        assertThat(page.locator("#user-password")).not().hasAttribute("invalid", "");
        pickTenant(tenant);
        page.locator("#user-create").click();
        assertThat(page.locator("#user-username")).hasAttribute("invalid", "");
        assertThat(page.locator("#user-username")).containsText("already exists");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel")).click();

        page.locator("#edit-" + person).click();
        chooseRole("Tenant admin");
        page.locator("#user-save").click();
        assertThat(page.locator("#user-save")).hasCount(0);
        assertThat(grid.locator("[data-role='tenant_admin']").filter(new Locator.FilterOptions().setHasText("Tenant admin")))
                .not().hasCount(0);
        assertThat(users.get(person).role()).isEqualTo(ConsoleRole.TENANT_ADMIN);

        page.locator("#reset-" + person).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Generate new password").setExact(true))
                .click();
        assertThat(page.locator("#user-password-warning")).containsText("shown once");
        String fresh = page.locator("#user-password-value input").inputValue();
        page.locator("#user-password-done").click();
        assertThat(ApiCalls.basicStatus(url("/api/v1/me"), person, fresh)).isEqualTo(200);
        assertThat(ApiCalls.basicStatus(url("/api/v1/me"), person, STRONG)).isEqualTo(401);

        page.locator("#toggle-" + person).click();
        assertThat(page.locator("#toggle-" + person)).hasText(Pattern.compile("^Enable"));
        assertThat(users.get(person).enabled()).isFalse();
        page.locator("#toggle-" + person).click();
        assertThat(page.locator("#toggle-" + person)).hasText(Pattern.compile("^Disable"));

        page.locator("#toggle-" + ADMIN).click();
        assertThat(page.locator("vaadin-notification-card").filter(new Locator.FilterOptions()
                .setHasText(Pattern.compile("disable yourself|last enabled platform admin")))).isVisible();
        assertThat(users.get(ADMIN).enabled()).isTrue();

        page.locator("#delete-" + person).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete user").setExact(true)).click();
        assertThat(page.locator("#edit-" + person)).hasCount(0);
        assertThat(grid).not().containsText(person);
    }

    /** Picks one tenant in the multi-select; Tab closes its dropdown (a click elsewhere would hit the dialog). */
    private void pickTenant(String slug) {
        page.locator("#user-tenants input").fill(slug);
        page.locator("vaadin-multi-select-combo-box-item").filter(new Locator.FilterOptions().setHasText(slug)).click();
        page.locator("#user-tenants input").press("Tab");
        assertThat(page.locator("#user-tenants")).containsText(slug);
    }

    private void chooseRole(String label) {
        page.locator("#user-role").click();
        page.locator("vaadin-select-list-box vaadin-select-item").filter(new Locator.FilterOptions().setHasText(label))
                .click();
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
