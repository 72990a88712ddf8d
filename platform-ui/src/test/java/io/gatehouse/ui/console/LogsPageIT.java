package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.gateway.proxy.GatewayServer;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.RetrySpec;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteSpec;
import io.gatehouse.gateway.route.TargetSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Follow a failed gateway call into the console: find it in the log, read why it failed, check the target live. */
class LogsPageIT extends ConsoleBrowserTestBase {
    private final TenantService tenants;
    private final ProviderService providers;
    private final RouteService routes;
    private final RequestLogService logs;
    private final GatewayServer gateway;

    LogsPageIT(@Autowired TenantService tenants, @Autowired ProviderService providers, @Autowired RouteService routes,
               @Autowired RequestLogService logs, @Autowired GatewayServer gateway) {
        this.tenants = tenants;
        this.providers = providers;
        this.routes = routes;
        this.logs = logs;
        this.gateway = gateway;
    }

    @Test
    void aFailedCallIsFoundInTheLogExplainedDiagnosedAndDrawnOnTheDashboard() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        tenants.create("logs-demo", "Logs Demo");
        providers.create("logs-demo", new ProviderSpec("down", List.of(new TargetSpec("http://127.0.0.1:" + closed, 1)),
                500, null, Map.of()));
        routes.create("logs-demo", new RouteSpec("down", "/down", null, "down", null, null, true, null, null,
                new RetrySpec(2, 10, 10, null, null)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/logs-demo/down/thing")).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("upstream_connect_failed");
        awaitLogged("logs-demo");

        signInAsAdmin();
        page.navigate(url("/tenants/logs-demo"));
        page.locator("#tenant-logs").click();
        assertThat(page).hasURL(Pattern.compile(".*/tenants/logs-demo/logs$"));
        assertThat(page.locator("#logs-grid")).containsText("upstream_connect_failed");

        page.locator("#logs-grid").getByText("upstream_connect_failed").first().click();
        assertThat(page.locator("#log-detail-status")).hasText("502");
        assertThat(page.locator("#attempts-timeline svg")).isVisible();
        assertThat(page.locator("#attempts-timeline svg rect")).hasCount(2);
        assertThat(page.locator("#attempts-timeline")).containsText("127.0.0.1:" + closed);
        assertThat(page.locator("#log-explanation")).containsText("connect");
        assertThat(page.locator("#log-explanation-phase")).containsText("connect");

        page.locator("#diagnose-now").click();
        assertThat(page.locator("#diagnose-steps")).containsText("TCP connect failed");
        assertThat(page.locator("#diagnose-steps")).containsText("DNS ok");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "log-detail.png")));
        page.locator("#log-detail-close").click();

        page.locator("#logs-status input").fill("2xx");
        page.locator("#logs-status input").press("Enter");
        assertThat(page.locator("#logs-summary")).hasText("No calls match.");

        page.navigate(url("/dashboard"));
        page.locator("#main-nav").getByText("Logs").click();
        assertThat(page).hasURL(Pattern.compile(".*/logs$"));
        assertThat(page.locator("#logs-heading")).hasText("Request log of all tenants");
        page.locator("#logs-route input").fill("down");
        assertThat(page.locator("#logs-grid")).containsText("upstream_connect_failed");
        assertThat(page.locator("#logs-grid a[href$='tenants/logs-demo/logs']").first()).hasText("logs-demo");
        page.locator("#logs-grid").getByText("upstream_connect_failed").first().click();
        assertThat(page.locator("#log-detail-status")).hasText("502");
        assertThat(page.locator("#log-explanation")).containsText("connect");
        page.locator("#log-detail-close").click();
        page.locator("#logs-grid a[href$='tenants/logs-demo/logs']").first().click();
        assertThat(page).hasURL(Pattern.compile(".*/tenants/logs-demo/logs$"));
        assertThat(page.locator("#logs-heading")).hasText("Request log of Logs Demo");

        page.navigate(url("/dashboard"));
        assertThat(page.locator("#chart-requests svg")).isVisible();
        assertThat(page.locator("#chart-status svg rect").first()).isVisible();
        assertThat(page.locator("#chart-latency svg polyline")).hasCount(3);
        assertThat(page.locator("#dashboard-targets")).containsText("127.0.0.1:" + closed);
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "dashboard.png")));
    }

    private void awaitLogged(String tenant) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (logs.list(tenant, LogFilter.newest()).items().isEmpty()) {
            assertThat(System.nanoTime()).as("the call reached the request log").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
