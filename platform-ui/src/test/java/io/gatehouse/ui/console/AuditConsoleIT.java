package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A change made in the console is found on the Audit page, filtered, read in full and downloaded. */
class AuditConsoleIT extends ConsoleBrowserTestBase {
    /** The browser reaches "localhost" over IPv4 or IPv6. */
    private static final Pattern LOOPBACK = Pattern.compile("(127\\.0\\.0\\.1|0:0:0:0:0:0:0:1)");

    @Test
    void aTenantCreatedInTheConsoleShowsUpInTheAuditTrail() throws Exception {
        signInAsAdmin();
        page.locator("#new-tenant").click();
        page.locator("#tenant-slug input").fill("audit-demo");
        page.locator("#tenant-name input").fill("Audit Demo");
        page.locator("#tenant-save").click();
        assertThat(page.locator("#tenants-grid")).containsText("audit-demo");

        page.locator("#main-nav").getByText("Audit").click();
        assertThat(page).hasURL(Pattern.compile(".*/audit$"));
        assertThat(page.locator("#audit-heading")).hasText("Audit trail");
        assertThat(page.locator("#audit-append-only")).containsText("append-only");
        Locator grid = page.locator("#audit-grid");
        assertThat(grid).containsText("tenant.create");
        assertThat(grid).containsText("audit-demo");

        // other browser tests share this application: narrow to this test's tenant first
        page.locator("#audit-filter-tenant input").fill("audit-demo");
        page.locator("#audit-filter-tenant input").press("Enter");
        page.locator("#audit-filter-action input").fill("provider.");
        assertThat(page.locator("#audit-summary")).hasText("No entries match.");
        page.locator("#audit-filter-action input").fill("tenant.");
        assertThat(page.locator("#audit-summary")).hasText(Pattern.compile("\\d+ entr(y|ies)"));
        page.locator("#audit-filter-actor input").fill("admin");
        assertThat(page.locator("#audit-summary")).hasText("1 entry");

        visibleCell(grid, "tenant.create").click();
        assertThat(page.locator("#audit-detail-text")).hasText("name 'Audit Demo'");
        assertThat(page.locator("#audit-detail-body")).containsText(LOOPBACK);
        assertThat(page.locator("#audit-detail-body")).containsText("tenant audit-demo");
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "screenshots", "audit-detail.png")));
        page.locator("#audit-detail-close").click();
        assertThat(page.locator("#audit-detail-body")).hasCount(0);

        Download download = page.waitForDownload(() -> page.locator("#audit-csv").click());
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("id,occurredAt,actor,actorIp,action,tenant,objectType,objectId,detail");
        assertThat(lines[1]).containsPattern(",admin," + LOOPBACK.pattern()
                + ",tenant.create,audit-demo,tenant,audit-demo,name 'Audit Demo'$");
    }

    /** The grid keeps cells of rows it hides, so look at visible cells only. */
    private static Locator visibleCell(Locator grid, String text) {
        return grid.locator("vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText(text)).first();
    }
}
