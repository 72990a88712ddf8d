package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.util.regex.Pattern;
import io.gatehouse.testsupport.DebianChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs the whole application on random ports and drives the console with Debian's Chromium: one browser per test
 * class, a fresh browser context (cookies, storage) per test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
abstract class ConsoleBrowserTestBase {
    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-test-password";
    private static final String VAADIN_IDLE = "() => !!window.Vaadin?.Flow?.clients && "
            + "Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())";

    private static Playwright playwright;
    private static Browser browser;

    @LocalServerPort
    int port;
    BrowserContext context;
    Page page;

    @BeforeAll
    static void launchBrowser() {
        playwright = DebianChromium.playwrightOrSkip();
        browser = DebianChromium.launch(playwright);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (playwright != null) {
            playwright.close();
            playwright = null;
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1000));
        context.setDefaultTimeout(15_000);
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Waits until Vaadin has no server round trip in flight; needed before reading state without an assertion. */
    void waitForVaadin() {
        page.waitForFunction(VAADIN_IDLE);
    }

    void submitLogin(String username, String password) {
        page.locator("#login-form vaadin-text-field[name='username'] input").fill(username);
        page.locator("#login-form vaadin-password-field[name='password'] input").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
    }

    /**
     * Opens the console, lands on the sign-in page, signs in as the first platform admin (landing on the dashboard)
     * and goes to the tenants page.
     */
    void signInAsAdmin() {
        page.navigate(url("/"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        submitLogin(ADMIN, ADMIN_PASSWORD);
        assertThat(page.locator("#current-user")).hasText(ADMIN);
        waitForVaadin();
        page.navigate(url("/tenants"));
        waitForVaadin();
    }
}
