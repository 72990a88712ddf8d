package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.gatehouse.auth.tenant.TenantService;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The fault-injection journey a person does in the console: a mock provider that always fails, a route with
 * retries, the Test button showing every attempt, then a healthy mock, and the providers' live state.
 */
class MockProvidersAndRouteTestIT extends ConsoleBrowserTestBase {
    private final TenantService tenants;

    MockProvidersAndRouteTestIT(@Autowired TenantService tenants) {
        this.tenants = tenants;
    }

    @Test
    void aFailingMockIsRetriedThreeTimesAndAHealthyMockAnswers200InTheTestDialog() {
        tenants.create("mock-demo", "Mock Demo");
        signInAsAdmin();
        page.navigate(url("/tenants/mock-demo"));

        openNewMockProvider("always-503");
        page.locator("#provider-mock-error-percent input").fill("100");
        page.locator("#provider-mock-error-status input").fill("503");
        page.locator("#provider-save").click();
        assertThat(page.locator("#provider-name")).hasCount(0);
        assertThat(page.locator("#providers-grid")).containsText("faults: errors 100% (503)");

        createRoute("flaky", "/flaky", "always-503");
        openTest("flaky");
        page.locator("#route-test-path input").fill("/anything?x=1");
        page.locator("#route-test-send").click();
        assertThat(page.locator("#route-test-status")).hasText("503");
        assertThat(page.locator("#route-test-attempt-count")).hasText("3 attempts");
        Locator attempts = page.locator("#route-test-attempts");
        assertThat(attempts.getByText("always-503", new Locator.GetByTextOptions().setExact(true))).hasCount(3);
        assertThat(attempts).containsText("mock://always-503");
        assertThat(page.locator("#route-test-elapsed")).containsText("ms");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "route-test-503.png")));
        page.locator("#route-test-close").click();

        openNewMockProvider("ok-mock");
        page.locator("#provider-mock-status input").fill("200");
        page.locator("#provider-mock-body textarea").fill("{\"hello\":\"mock\"}");
        page.locator("#provider-save").click();
        assertThat(page.locator("#provider-name")).hasCount(0);
        createRoute("ok", "/ok", "ok-mock");
        openTest("ok");
        page.locator("#route-test-send").click();
        assertThat(page.locator("#route-test-status")).hasText("200");
        assertThat(page.locator("#route-test-attempt-count")).hasText("1 attempt");
        assertThat(page.locator("#route-test-body-preview")).hasText("{\"hello\":\"mock\"}");
        page.locator("#route-test-close").click();

        page.locator("#refresh-provider-state").click();
        Locator failing = page.locator("#provider-state-always-503");
        assertThat(failing).containsText("mock - answers inside the gateway");
        assertThat(failing).containsText("3 failures in a row");
        assertThat(page.locator("#provider-circuit-always-503")).hasText("circuit closed");
        assertThat(page.locator("#provider-state-ok-mock")).containsText("healthy");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "provider-live-state.png")));
    }

    @Test
    void routeFaultFieldsShowOnlyWhenTickedAndABadPercentageIsMarkedByTheServer() {
        tenants.create("fault-form", "Fault Form");
        signInAsAdmin();
        page.navigate(url("/tenants/fault-form"));
        openNewMockProvider("fake");
        page.locator("#provider-mock-status input").fill("700");
        page.locator("#provider-save").click();
        assertThat(page.locator("#provider-mock-status")).hasAttribute("invalid", "");
        assertThat(page.locator("#provider-mock-status")).containsText("between 200 and 599");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "provider-mock-form.png")));
        page.locator("#provider-mock-status input").fill("200");
        page.locator("#provider-save").click();
        assertThat(page.locator("#provider-name")).hasCount(0);

        page.locator("#new-route").click();
        fillRoute("faulty", "/faulty", "fake");
        assertThat(page.locator("#route-faults")).isHidden();
        page.locator("#route-inject-faults input").check();
        assertThat(page.locator("#route-faults-error-percent")).isVisible();
        page.locator("#route-faults-error-percent input").fill("150");
        page.locator("#route-save").click();
        assertThat(page.locator("#route-faults-error-percent")).hasAttribute("invalid", "");
        assertThat(page.locator("#route-faults-error-percent")).containsText("a percentage between 0 and 100");
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target", "screenshots", "route-faults-form.png")));

        page.locator("#route-inject-faults input").uncheck();
        assertThat(page.locator("#route-faults")).isHidden();
        page.locator("#route-save").click();
        assertThat(page.locator("#route-name")).hasCount(0);
        assertThat(page.locator("#routes-grid")).containsText("/faulty");
    }

    private void openNewMockProvider(String name) {
        page.locator("#new-provider").click();
        page.locator("#provider-name input").fill(name);
        assertThat(page.locator("#provider-mock")).isHidden();
        page.locator("#provider-type vaadin-radio-button").filter(new Locator.FilterOptions().setHasText("Mock"))
                .click();
        assertThat(page.locator("#provider-mock")).isVisible();
        assertThat(page.locator("#provider-http")).isHidden();
    }

    private void createRoute(String name, String prefix, String provider) {
        page.locator("#new-route").click();
        fillRoute(name, prefix, provider);
        page.locator("#route-max-attempts input").fill("3");
        page.locator("#route-save").click();
        assertThat(page.locator("#route-name")).hasCount(0);
        assertThat(page.locator("#routes-grid")).containsText(prefix);
    }

    private void fillRoute(String name, String prefix, String provider) {
        page.locator("#route-name input").fill(name);
        page.locator("#route-prefix input").fill(prefix);
        page.locator("#route-provider input").fill(provider);
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText(provider)).first().click();
    }

    private void openTest(String route) {
        page.locator("#test-route-" + route).click();
        assertThat(page.locator("#route-test-send")).isVisible();
    }
}
