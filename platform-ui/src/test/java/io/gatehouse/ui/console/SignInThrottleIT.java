package io.gatehouse.ui.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** Repeated wrong passwords on the sign-in page lock the user name out and say for how long. */
@TestPropertySource(properties = "platform.sign-in.max-failures-per-user=3")
@DirtiesContext
class SignInThrottleIT extends ConsoleBrowserTestBase {

    @Test
    void afterTooManyWrongPasswordsEvenTheRightOneIsRefusedWithTheWait() {
        page.navigate(url("/login"));
        for (int i = 0; i < 3; i++) {
            submitLogin(ADMIN, "not-the-password-" + i);
            assertThat(page).hasURL(Pattern.compile(".*/login\\?error$"));
            assertThat(page.getByText("Incorrect username or password")).isVisible();
        }

        submitLogin(ADMIN, ADMIN_PASSWORD);

        assertThat(page).hasURL(Pattern.compile(".*/login\\?error&retry=\\d+$"));
        assertThat(page.getByText(Pattern.compile("Too many failed sign-ins \u2014 try again in \\d+ seconds")))
                .isVisible();
        assertThat(page.locator("#current-user")).hasCount(0);
    }
}
