package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.gateway.proxy.GatewayServer;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteSpec;
import io.gatehouse.gateway.route.TargetSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class TenantRoutingIT extends ConsoleBrowserTestBase {
    private static final byte[] UPSTREAM_BODY = "hello from upstream".getBytes(StandardCharsets.UTF_8);

    private final TenantService tenants;
    private final ProviderService providers;
    private final RouteService routes;
    private final GatewayServer gateway;
    private HttpServer upstream;

    TenantRoutingIT(@Autowired TenantService tenants, @Autowired ProviderService providers,
                    @Autowired RouteService routes, @Autowired GatewayServer gateway) {
        this.tenants = tenants;
        this.providers = providers;
        this.routes = routes;
        this.gateway = gateway;
    }

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
            if (apiKey != null) {
                exchange.getResponseHeaders().set("X-Seen-Api-Key", apiKey);
            }
            exchange.sendResponseHeaders(200, UPSTREAM_BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(UPSTREAM_BODY);
            }
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void anInvalidSlugIsShownOnTheFieldAsYouTypeAndNothingIsSaved() {
        signInAsAdmin();
        int before = tenants.list().size();

        page.locator("#new-tenant").click();
        page.locator("#tenant-slug input").fill("Not A Slug!");

        assertThat(page.locator("#tenant-slug")).hasAttribute("invalid", "");
        assertThat(page.locator("#tenant-slug")).containsText("lower-case letters");

        page.locator("#tenant-name input").fill("Whatever");
        page.locator("#tenant-save").click();
        waitForVaadin();
        assertThat(page.locator("#tenant-slug")).isVisible();
        assertThat(page.locator("#tenant-slug")).hasAttribute("invalid", "");
        assertThat(tenants.list()).hasSize(before);

        page.locator("#tenant-slug input").fill("now-valid");
        assertThat(page.locator("#tenant-slug")).not().hasAttribute("invalid", "");
    }

    @Test
    void aProviderAndAPublicRouteMadeInTheConsoleServeGatewayTraffic() throws Exception {
        tenants.create("routing-demo", "Routing Demo");
        signInAsAdmin();
        // Other test classes sharing this context add many tenants; go to the page the grid links to.
        page.navigate(url("/tenants/routing-demo"));
        assertThat(page).hasURL(Pattern.compile(".*/tenants/routing-demo$"));
        assertThat(page.locator("#tenant-heading")).hasText("Routing Demo");

        createProvider("hello-upstream", upstreamUrl());
        createPublicRoute("hello", "/hello", "hello-upstream");

        HttpResponse<String> response = callGateway("/routing-demo/hello");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("hello from upstream");

        assertThat(page.locator("#route-call-hint")).containsText("/routing-demo/hello");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "tenant-detail.png")));
    }

    @Test
    void anInjectedHeaderKeepsItsStoredValueUntilTheAdminReplacesIt() throws Exception {
        tenants.create("header-demo", "Header Demo");
        providers.create("header-demo", new ProviderSpec("keyed", List.of(new TargetSpec(upstreamUrl(), 1)), null, null,
                Map.of("X-Api-Key", "first-secret")));
        routes.create("header-demo", new RouteSpec("keyed", "/keyed", null, "keyed", null, null, true, null, null, null));
        signInAsAdmin();
        page.navigate(url("/tenants/header-demo"));

        page.locator("#edit-provider-keyed").click();
        assertThat(page.locator("#provider-header-name-0 input")).hasValue("X-Api-Key");
        assertThat(page.locator("#provider-header-value-0 input")).hasValue("");
        page.locator("#provider-response-timeout input").fill("20000");
        page.locator("#provider-save").click();
        assertThat(page.locator("#providers-grid")).containsText("response 20000 ms");
        assertThat(seenApiKey("/header-demo/keyed")).isEqualTo("first-secret");

        page.locator("#edit-provider-keyed").click();
        page.locator("#provider-replace-headers input").check();
        page.locator("#provider-save").click();
        assertThat(page.locator("#provider-header-value-0")).hasAttribute("invalid", "");
        page.locator("#provider-header-value-0 input").fill("second-secret");
        page.locator("#provider-save").click();
        assertThat(page.locator("#provider-name")).hasCount(0);
        assertThat(seenApiKey("/header-demo/keyed")).isEqualTo("second-secret");

        page.locator("#delete-provider-keyed").click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete provider")).click();
        assertThat(page.locator("vaadin-notification-card[theme~='error']")).containsText("used by route(s) keyed");
        assertThat(providers.list("header-demo")).hasSize(1);
    }

    @Test
    void anUnknownTenantPageSaysSoInsteadOfFailing() {
        signInAsAdmin();
        page.navigate(url("/tenants/no-such-tenant"));
        assertThat(page.locator("#tenant-missing")).hasText("No tenant 'no-such-tenant'");
    }

    private void createProvider(String name, String url) {
        page.locator("#new-provider").click();
        page.locator("#provider-name input").fill(name);
        page.locator("#provider-target-url-0 input").fill("ftp://127.0.0.1/");
        page.locator("#provider-save").click();
        // The service's problem for targets[0].url lands on that row's field; the dialog stays open.
        assertThat(page.locator("#provider-target-url-0")).hasAttribute("invalid", "");
        assertThat(page.locator("#provider-target-url-0")).containsText("http://");

        page.locator("#provider-target-url-0 input").fill(url);
        page.locator("#provider-save").click();
        assertThat(page.locator("#provider-name")).hasCount(0);
        assertThat(page.locator("#providers-grid")).containsText(name);
        assertThat(page.locator("#providers-grid")).containsText(url);
    }

    private void createPublicRoute(String name, String prefix, String provider) {
        page.locator("#new-route").click();
        page.locator("#route-name input").fill(name);
        page.locator("#route-prefix input").fill(prefix);
        page.locator("#route-provider input").fill(provider);
        page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions()
                .setHasText(provider)).first().click();
        page.locator("#route-public input").check();
        assertThat(page.locator("#route-auth")).hasAttribute("disabled", "");
        page.locator("#route-save").click();
        assertThat(page.locator("#route-name")).hasCount(0);
        assertThat(page.locator("#routes-grid")).containsText(prefix);
        assertThat(page.locator("#routes-grid")).containsText("none (public)");
    }

    private String upstreamUrl() {
        return "http://127.0.0.1:" + upstream.getAddress().getPort();
    }

    private String seenApiKey(String path) throws Exception {
        HttpResponse<String> response = callGateway(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.headers().firstValue("X-Seen-Api-Key").orElse(null);
    }

    private HttpResponse<String> callGateway(String path) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
