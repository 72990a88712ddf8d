package io.gatehouse.ui.credential;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.auth.credential.CredentialService;
import io.gatehouse.auth.credential.CredentialView;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.gateway.proxy.GatewayServer;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteSpec;
import io.gatehouse.gateway.route.TargetSpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import io.gatehouse.testsupport.Commands;
import io.gatehouse.testsupport.DebianChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The tenant keys page in a real browser: a key is shown once, works on the gateway, and stops when revoked. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class CredentialsPageIT {
    private static final String VAADIN_IDLE = "() => !!window.Vaadin?.Flow?.clients && "
            + "Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())";
    // Where in the page a value still is: markup, open shadow roots or element properties (field values are
    // properties, not attributes). Null when nowhere.
    private static final String WHERE_IN_PAGE = """
            s => { const found = [];
                   const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '');
                   const walk = root => root.querySelectorAll('*').forEach(e => {
                       if (typeof e.value === 'string' && e.value.includes(s)) { found.push('value of ' + describe(e)); }
                       if (e.shadowRoot) {
                           if (e.shadowRoot.innerHTML.includes(s)) { found.push('shadow of ' + describe(e)); }
                           walk(e.shadowRoot);
                       }
                   });
                   if (document.documentElement.outerHTML.includes(s)) { found.push('markup'); }
                   walk(document);
                   return found.length ? found.join(', ') : null; }""";

    private static Playwright playwright;
    private static Browser browser;
    private static HttpServer upstream;

    private final TenantService tenants;
    private final ProviderService providers;
    private final RouteService routes;
    private final CredentialService credentials;
    private final GatewayServer gateway;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int port;
    BrowserContext context;
    Page page;
    String slug;

    CredentialsPageIT(@Autowired TenantService tenants, @Autowired ProviderService providers,
                      @Autowired RouteService routes, @Autowired CredentialService credentials,
                      @Autowired GatewayServer gateway) {
        this.tenants = tenants;
        this.providers = providers;
        this.routes = routes;
        this.credentials = credentials;
        this.gateway = gateway;
    }

    @BeforeAll
    static void launchBrowserAndUpstream() throws Exception {
        playwright = DebianChromium.playwrightOrSkip();
        browser = DebianChromium.launch(playwright);
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] answer = "upstream ok".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        upstream.start();
    }

    @AfterAll
    static void closeBrowserAndUpstream() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @BeforeEach
    void tenantWithAProtectedRoute() {
        slug = "keys-ui-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.create(slug, "Keys UI " + slug.substring(8));
        String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
        providers.create(slug, new ProviderSpec("up", List.of(new TargetSpec(upstreamUrl, 1)), null, null, null));
        routes.create(slug, new RouteSpec("echo", "/echo", null, "up", null, null, false, null, null, null));

        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1440, 1000));
        context.setDefaultTimeout(15_000);
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        page = context.newPage();
    }

    @AfterEach
    void closeContext() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void aBasicKeyIsShownOnceWorksOnTheGatewayAndStopsWhenRevoked() throws Exception {
        openKeysPage();
        assertThat(page.locator("#credentials-heading")).hasText("Keys for " + tenants.get(slug).name());

        issue("Basic", "ci-browser");
        assertThat(page.locator("#key-secret-warning")).containsText("This secret is shown once. Store it now.");
        String username = page.locator("#key-secret-id input").inputValue();
        String password = page.locator("#key-secret-value input").inputValue();
        assertThat(username).startsWith("bk_");
        assertThat(password).hasSizeGreaterThan(30);
        assertThat(page.locator("#snippet-curl")).containsText("curl -u \"" + username + ":" + password + "\"");
        Files.createDirectories(Path.of("target/screenshots"));
        page.screenshot(new Page.ScreenshotOptions().setPath(Path.of("target/screenshots/credentials-secret-panel.png")));

        assertThat(callGateway(basic(username, password)).statusCode()).isEqualTo(200);
        page.locator("#copy-secret").click();
        assertThat(page.getByText("Copied secret")).isVisible();
        assertThat(page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(password);

        page.locator("#key-secret-done").click();
        assertThat(page.locator("#key-secret-panel")).hasCount(0);
        // The overlay fades out before it goes; once it is gone nothing in the page may hold the secret.
        assertThat(page.locator("#key-secret-value")).hasCount(0);
        waitForVaadin();
        assertThat(page.evaluate(WHERE_IN_PAGE, password)).as("where the secret still is").isNull();

        page.reload();
        Locator grid = page.locator("#credentials-grid");
        assertThat(grid).containsText("ci-browser");
        assertThat(grid).containsText("ACTIVE");
        assertThat(grid).containsText("all routes");
        waitForVaadin();
        assertThat(page.content()).doesNotContain(password);
        assertThat(page.evaluate(WHERE_IN_PAGE, password)).as("where the secret still is").isNull();

        // The grid keeps cells of rows it hides, so count visible cells only.
        Locator visibleKey = page.locator("#credentials-grid vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText("ci-browser"));
        page.locator("#credential-filter input").fill("no-such-key");
        assertThat(visibleKey).hasCount(0);
        page.locator("#credential-filter input").fill(username);
        assertThat(visibleKey).hasCount(1);

        CredentialView key = credentials.list(slug).get(0);
        page.locator("#rotate-" + key.id()).click();
        page.locator("#rotate-grace").click();
        page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText("Stop at once")).click();
        page.locator("#rotate-confirm").click();
        assertThat(page.locator("#key-secret-id input")).hasValue(username);
        String rotated = page.locator("#key-secret-value input").inputValue();
        assertThat(rotated).isNotEqualTo(password);
        page.locator("#key-secret-done").click();
        assertThat(page.locator("#key-secret-value")).hasCount(0);
        assertThat(callGateway(basic(username, rotated)).statusCode()).isEqualTo(200);
        assertThat(callGateway(basic(username, password)).statusCode()).isEqualTo(401);

        page.locator("#revoke-" + key.id()).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke key").setExact(true)).click();
        assertThat(grid).containsText("REVOKED");
        assertThat(page.locator("#revoke-" + key.id())).hasCount(0);
        assertThat(page.locator("#rotate-" + key.id())).hasCount(0);
        assertThat(callGateway(basic(username, rotated)).statusCode()).isEqualTo(401);
    }

    @Test
    void anAkskKeyComesWithSigV4SnippetsThatReachThisTenantsGateway() throws Exception {
        openKeysPage();
        issue("AK/SK", "batch");
        String accessKey = page.locator("#key-secret-id input").inputValue();
        String secretKey = page.locator("#key-secret-value input").inputValue();
        assertThat(accessKey).startsWith("AK");

        Locator curl = page.locator("#snippet-curl");
        assertThat(curl).containsText("--aws-sigv4 \"aws:amz:us-east-1:gateway\"");
        String url = "http://localhost:" + gateway.port() + "/" + slug + "/echo";
        assertThat(curl).containsText("--user \"" + accessKey + ":" + secretKey + "\" \"" + url + "\"");

        // Where the tools are installed, the snippets as shown must get through the gateway.
        if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
            String command = curl.textContent().strip() + " -s -o /dev/null -w '%{http_code}'";
            assertThat(Commands.run("bash", "-c", command)).as(command).isEqualTo("200");
        }
        if (Commands.run("python3", "-c", "import botocore, requests; print('ok')").equals("ok")) {
            page.locator("#key-snippets vaadin-tab").filter(new Locator.FilterOptions().setHasText("Python")).click();
            String python = page.locator("#snippet-python").textContent();
            assertThat(Commands.run("python3", "-c", python)).as(python).startsWith("200 upstream ok");
        }
        page.locator("#key-secret-done").click();
        assertThat(page.locator("#key-secret-panel")).hasCount(0);
        assertThat(page.locator("#credentials-grid")).containsText("AKSK");

        page.locator("#credentials-back").click();
        assertThat(page).hasURL(Pattern.compile(".*/tenants/" + slug + "$"));
    }

    @Test
    void anUnknownTenantGetsAClearMessage() {
        signIn();
        page.navigate(url("/tenants/no-such-tenant-here/credentials"));
        assertThat(page.locator("#credentials-missing")).hasText("No tenant 'no-such-tenant-here'");
        assertThat(page.locator("#credentials-grid")).hasCount(0);
    }

    private void openKeysPage() {
        signIn();
        page.navigate(url("/tenants/" + slug + "/credentials"));
        assertThat(page.locator("#credentials-grid")).isVisible();
        waitForVaadin();
    }

    private void signIn() {
        page.navigate(url("/login"));
        page.locator("#login-form vaadin-text-field[name='username'] input").fill("admin");
        page.locator("#login-form vaadin-password-field[name='password'] input").fill("admin-test-password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in")).click();
        assertThat(page).not().hasURL(Pattern.compile(".*/login.*"));
    }

    private void issue(String typeLabel, String name) {
        page.locator("#issue-key").click();
        page.locator("#key-type vaadin-radio-button").filter(new Locator.FilterOptions().setHasText(typeLabel)).click();
        page.locator("#key-name input").fill(name);
        page.locator("#key-issue").click();
        // The vaadin-dialog element itself stays hidden; its content shows in an overlay.
        assertThat(page.locator("#key-secret-warning")).isVisible();
        assertThat(page.locator("#key-secret-id input")).not().hasValue("");
    }

    private HttpResponse<String> callGateway(String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/" + slug + "/echo"))
                .header("Authorization", authorization).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void waitForVaadin() {
        page.waitForFunction(VAADIN_IDLE);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
