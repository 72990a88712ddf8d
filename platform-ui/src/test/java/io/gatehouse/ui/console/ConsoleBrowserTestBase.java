package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
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
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
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
        if (!Files.isExecutable(CHROMIUM)) {
            String message = CHROMIUM + " is missing; install Debian's chromium package to run the console browser tests";
            if ("true".equalsIgnoreCase(System.getenv("GATEHOUSE_REQUIRE_EXTERNAL_TESTS"))) {
                fail(message + " (GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true)");
            }
            Assumptions.abort(message);
        }
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(CHROMIUM)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking")));
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

    /** Opens the console, lands on the sign-in page and signs in as the first platform admin. */
    void signInAsAdmin() {
        page.navigate(url("/"));
        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        submitLogin(ADMIN, ADMIN_PASSWORD);
        assertThat(page.locator("#current-user")).hasText(ADMIN);
        waitForVaadin();
    }
}
