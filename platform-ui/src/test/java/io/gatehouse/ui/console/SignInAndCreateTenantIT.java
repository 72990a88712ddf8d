package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import io.gatehouse.auth.tenant.TenantService;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SignInAndCreateTenantIT extends ConsoleBrowserTestBase {
    private final TenantService tenants;

    SignInAndCreateTenantIT(@Autowired TenantService tenants) {
        this.tenants = tenants;
    }

    @Test
    void aWrongPasswordKeepsYouOnTheSignInPageWithAnError() {
        page.navigate(url("/"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));

        submitLogin(ADMIN, "not-the-password");

        assertThat(page).hasURL(Pattern.compile(".*/login\\?error$"));
        assertThat(page.getByText("Incorrect username or password")).isVisible();
        assertThat(page.locator("#current-user")).hasCount(0);
    }

    @Test
    void theAdminSignsInCreatesATenantAndSeesItInTheList() {
        signInAsAdmin();
        assertThat(page.locator("#app-name")).hasText("Gatehouse");

        page.locator("#new-tenant").click();
        page.locator("#tenant-slug input").fill("acme-web");
        page.locator("#tenant-name input").fill("Acme Web");
        page.locator("#tenant-save").click();

        assertThat(page.locator("#tenant-slug")).hasCount(0);
        assertThat(page.locator("#tenants-grid")).containsText("acme-web");
        assertThat(page.locator("#tenants-grid")).containsText("Acme Web");
        assertThat(tenants.get("acme-web").name()).isEqualTo("Acme Web");

        // The grid keeps cells of rows it hides, so look at visible cells only.
        Locator visibleAcme = page.locator("#tenants-grid vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText("acme-web"));
        page.locator("#tenant-filter input").fill("no-such-tenant");
        assertThat(visibleAcme).hasCount(0);
        page.locator("#tenant-filter input").fill("ACME");
        assertThat(visibleAcme).hasCount(1);

        page.locator("#sign-out").click();
        assertThat(page).hasURL(Pattern.compile(".*/login(\\?logout)?$"));
    }

    @Test
    void aDuplicateSlugIsReportedOnTheSlugField() {
        tenants.create("taken-slug", "Already here");
        signInAsAdmin();

        page.locator("#new-tenant").click();
        page.locator("#tenant-slug input").fill("taken-slug");
        page.locator("#tenant-name input").fill("Second try");
        page.locator("#tenant-save").click();

        assertThat(page.locator("#tenant-slug")).hasAttribute("invalid", "");
        assertThat(page.locator("#tenant-slug")).containsText("already exists");
        assertThat(tenants.get("taken-slug").name()).isEqualTo("Already here");
    }
}
