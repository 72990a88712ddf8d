package io.gatehouse.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.gateway.AdminApi;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The caller's role and memberships are read once per request and again in the next: a change made between two
 * requests applies on the second one (the next click or API call), while one request's many checks share one read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAppliesOnTheNextRequestTest {
    @LocalServerPort
    int consolePort;
    @Autowired
    ApplicationContext context;
    @Autowired
    AccessControl access;
    @Autowired
    JdbcTemplate jdbc;

    private AdminApi api;
    private TwoTenants fx;

    @BeforeAll
    void fixture() {
        api = new AdminApi(consolePort);
        fx = new TwoTenants(context);
    }

    private HttpResponse<String> renameA(TwoTenants.User user) {
        return api.sendAs(user.name(), fx.password(user), "PATCH", "/tenants/" + fx.a.slug(), "{\"name\":\"Next\"}");
    }

    @Test
    void aDemotionBetweenTwoApiCallsAppliesOnTheSecond() {
        TwoTenants.User admin = fx.user("next-admin", ConsoleRole.TENANT_ADMIN, List.of(fx.a.slug()));
        assertThat(renameA(admin).statusCode()).isEqualTo(200);

        AdminApi.expect(api.patch("/users/" + admin.name(), "{\"role\":\"TENANT_VIEWER\"}"), 200);

        HttpResponse<String> after = renameA(admin);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(403);
        assertThat(after.body()).contains("TENANT_VIEWER");
    }

    @Test
    void aRemovedMembershipBetweenTwoApiCallsAppliesOnTheSecond() {
        TwoTenants.User viewer = fx.user("next-viewer", ConsoleRole.TENANT_VIEWER, List.of(fx.a.slug()));
        String tenantA = "/tenants/" + fx.a.slug();
        assertThat(api.sendAs(viewer.name(), fx.password(viewer), "GET", tenantA, null).statusCode()).isEqualTo(200);

        AdminApi.expect(api.patch("/users/" + viewer.name(), "{\"tenants\":[\"" + fx.b.slug() + "\"]}"), 200);

        assertThat(api.sendAs(viewer.name(), fx.password(viewer), "GET", tenantA, null).statusCode()).isEqualTo(404);
    }

    /** In process, with a bound servlet request as the console and the API have: the web layer keeps the caller. */
    @Test
    void oneRequestKeepsTheCallerItReadAndTheNextReadsItAgain() throws Exception {
        TwoTenants.User admin = fx.user("next-kept", ConsoleRole.TENANT_ADMIN, List.of(fx.a.slug()));

        boolean[] seen = inOneRequest(() -> SignedIn.as(admin, () -> {
            boolean before = access.canManage(fx.a.slug());
            jdbc.update("UPDATE console_user SET role = 'TENANT_VIEWER' WHERE username = ?", admin.name());
            return new boolean[] {before, access.canManage(fx.a.slug())};
        }));
        boolean next = inOneRequest(() -> SignedIn.as(admin, () -> access.canManage(fx.a.slug())));

        assertThat(seen).as("both checks of the first request").containsExactly(true, true);
        assertThat(next).as("the next request").isFalse();
        assertThat(SignedIn.as(admin, () -> access.canManage(fx.a.slug()))).as("without a request").isFalse();
    }

    private static <T> T inOneRequest(Callable<T> call) throws Exception {
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        try {
            return call.call();
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
    }
}
