package io.gatehouse.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Starts Playwright on Debian's Chromium (never a browser download). Without /usr/bin/chromium the browser tests
 * are skipped with a message - or fail when GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true, as CI sets it.
 */
public final class DebianChromium {
    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");

    private DebianChromium() {
    }

    public static Playwright playwrightOrSkip() {
        if (!Files.isExecutable(EXECUTABLE)) {
            String message = EXECUTABLE + " is missing; install Debian's chromium package to run the console browser tests";
            if ("true".equalsIgnoreCase(System.getenv("GATEHOUSE_REQUIRE_EXTERNAL_TESTS"))) {
                fail(message + " (GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true)");
            }
            Assumptions.abort(message);
        }
        return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    }

    public static Browser launch(Playwright playwright) {
        return playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking")));
    }
}
