package io.gatehouse.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/** Repeated wrong Basic passwords lock the user name out of the admin API for a cool-down, then it works again. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"platform.sign-in.lockout=2s", "platform.sign-in.max-lockout=2s"})
@ActiveProfiles("test")
@DirtiesContext
class SignInThrottleApiTest {
    @LocalServerPort
    int consolePort;

    private HttpResponse<String> tenantsAs(String user, String password) {
        return new AdminApi(consolePort).sendAs(user, password, "GET", "/tenants", null);
    }

    private static void assertThrottled(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.headers().firstValue("Retry-After"))
                .hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isBetween(1L, 2L));
        JsonNode problem = AdminApi.json(response);
        assertThat(problem.path("status").asInt()).isEqualTo(429);
        assertThat(problem.path("detail").asText()).startsWith("Too many failed sign-ins").contains("seconds");
        assertThat(problem.path("errors").isArray()).isTrue();
    }

    @Test
    void sixWrongPasswordsLockTheUserUntilTheCoolDownHasPassed() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            assertThat(tenantsAs(AdminApi.ADMIN_USER, "wrong-" + i).statusCode()).isEqualTo(401);
        }

        assertThrottled(tenantsAs(AdminApi.ADMIN_USER, "wrong-5"));
        assertThrottled(tenantsAs(AdminApi.ADMIN_USER, AdminApi.ADMIN_PASSWORD));
        assertThat(tenantsAs("someone-else", "whatever").statusCode()).isEqualTo(401);

        long deadline = System.nanoTime() + 10_000_000_000L;
        HttpResponse<String> response = tenantsAs(AdminApi.ADMIN_USER, AdminApi.ADMIN_PASSWORD);
        while (response.statusCode() == 429 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            response = tenantsAs(AdminApi.ADMIN_USER, AdminApi.ADMIN_PASSWORD);
        }
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownUserNameIsThrottledLikeAKnownOne() {
        for (int i = 0; i < 5; i++) {
            assertThat(tenantsAs("no-such-user", "wrong-" + i).statusCode()).isEqualTo(401);
        }

        assertThrottled(tenantsAs("no-such-user", "wrong-5"));
    }
}
