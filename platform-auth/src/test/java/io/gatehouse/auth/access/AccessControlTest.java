package io.gatehouse.auth.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.NotFoundException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The caller is read once per servlet request however many checks a page makes, and read again in the next request:
 * a role change, a removed membership or a disabled account applies on the next click. Without a request (background
 * jobs, push) every check reads the database. Counted in SQL statements on a migrated H2 database.
 */
class AccessControlTest {
    private final AtomicInteger statements = new AtomicInteger();
    private final FakeOrigin origin = new FakeOrigin();
    private JdbcTemplate jdbc;
    private AccessControl access;

    /** The web layer as seen by AccessControl: a principal and, while a request is bound, its attributes. */
    static final class FakeOrigin implements RequestOrigin {
        String principal;
        Map<String, Object> request;

        @Override
        public String principal() {
            return principal;
        }

        @Override
        public String ip() {
            return null;
        }

        @Override
        public Object attribute(String name) {
            return request == null ? null : request.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            if (request != null) {
                if (value == null) {
                    request.remove(name);
                } else {
                    request.put(name, value);
                }
            }
        }

        void newRequest() {
            request = new HashMap<>();
        }
    }

    @BeforeEach
    void freshDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:access-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(h2);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("origin", origin);
        access = new AccessControl(new JdbcTemplate(counting(h2)), beans.getBeanProvider(RequestOrigin.class));
        for (String slug : new String[] {"a", "b", "c", "d", "e", "f"}) {
            jdbc.update("INSERT INTO tenant (slug, name, created_at, updated_at) VALUES (?, ?, NOW(), NOW())", slug,
                    slug);
        }
        user("alice", "TENANT_ADMIN", "a", "b", "c", "d", "e");
        user("bob", "TENANT_VIEWER", "f");
        user("root", "PLATFORM_ADMIN");
    }

    private void user(String name, String role, String... tenants) {
        jdbc.update("INSERT INTO console_user (username, password_hash, role, created_at, updated_at)"
                + " VALUES (?, 'x', ?, NOW(), NOW())", name, role);
        for (String slug : tenants) {
            jdbc.update("INSERT INTO console_user_tenant (user_id, tenant_id) SELECT u.id, t.id FROM console_user u,"
                    + " tenant t WHERE u.username = ? AND t.slug = ?", name, slug);
        }
    }

    private DataSource counting(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (result instanceof Connection connection) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> {
                                    if (m.getName().startsWith("prepare") || m.getName().equals("createStatement")) {
                                        statements.incrementAndGet();
                                    }
                                    return invoke(connection, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** What a tenants page does for a tenant admin: the caller, then a check per grid row, then the audit scope. */
    private void renderTenantsPage() {
        access.caller();
        for (String slug : new String[] {"a", "b", "c", "d", "e"}) {
            assertThat(access.canManage(slug)).isTrue();
            access.readableTenant(slug);
        }
        assertThat(access.readableTenantSlugs()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    void oneRequestReadsTheCallerOnceHoweverManyChecksItMakes() {
        origin.principal = "alice";
        origin.newRequest();

        renderTenantsPage();

        assertThat(statements.get()).as("user row + memberships with slugs").isEqualTo(2);
    }

    @Test
    void withoutARequestEveryCheckReadsTheCallerAgain() {
        origin.principal = "alice";

        renderTenantsPage();

        assertThat(statements.get()).as("user row + memberships at each of 12 checks").isEqualTo(24);
    }

    @Test
    void theTenantSlugsOfAMemberOfManyTenantsTakeOneQueryBesidesTheUserRow() {
        origin.principal = "alice";

        assertThat(access.readableTenantSlugs()).hasSize(5);

        assertThat(statements.get()).isEqualTo(2);
    }

    @Test
    void aRoleChangeAppliesOnTheNextRequest() {
        origin.principal = "alice";
        origin.newRequest();
        access.manageableTenant("a");

        jdbc.update("UPDATE console_user SET role = 'TENANT_VIEWER' WHERE username = 'alice'");
        assertThat(access.canManage("a")).as("the rest of the same request").isTrue();
        origin.newRequest();

        assertThatThrownBy(() -> access.manageableTenant("a")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("TENANT_VIEWER");
        assertThat(access.canManage("a")).isFalse();
    }

    @Test
    void aRemovedMembershipAndADisabledAccountApplyOnTheNextRequest() {
        origin.principal = "alice";
        origin.newRequest();
        access.readableTenant("b");

        jdbc.update("DELETE FROM console_user_tenant WHERE tenant_id = (SELECT id FROM tenant WHERE slug = 'b')");
        origin.newRequest();
        assertThatThrownBy(() -> access.readableTenant("b")).isInstanceOf(NotFoundException.class);
        assertThat(access.readableTenantSlugs()).doesNotContain("b");

        jdbc.update("UPDATE console_user SET enabled = FALSE WHERE username = 'alice'");
        origin.newRequest();
        assertThatThrownBy(() -> access.readableTenant("a")).isInstanceOf(ForbiddenException.class)
                .hasMessageContaining("disabled");
    }

    @Test
    void aSignInWithinTheRequestIsNeverAnsweredWithTheEarlierCaller() {
        origin.principal = "alice";
        origin.newRequest();
        access.readableTenant("a");

        origin.principal = "bob";

        assertThat(access.caller().username()).isEqualTo("bob");
        assertThatThrownBy(() -> access.readableTenant("a")).isInstanceOf(NotFoundException.class);
        assertThat(access.readableTenant("f")).isPositive();
    }

    @Test
    void afterAUserChangeTheRestOfTheRequestReadsTheCallerAgain() {
        origin.principal = "alice";
        origin.newRequest();
        access.readableTenant("a");

        access.rereadCallerForRestOfRequest();
        jdbc.update("DELETE FROM console_user_tenant WHERE tenant_id = (SELECT id FROM tenant WHERE slug = 'a')");

        assertThatThrownBy(() -> access.readableTenant("a")).isInstanceOf(NotFoundException.class);
        int before = statements.get();
        access.caller();
        assertThat(statements.get()).as("nothing kept any more").isEqualTo(before + 2);
    }

    @Test
    void aPlatformAdminIsReadOnceAndEachTenantItNamesIsLookedUp() {
        origin.principal = "root";
        origin.newRequest();

        assertThat(access.readableTenantSlugs()).isNull();
        assertThat(access.readableTenant("f")).isPositive();
        assertThat(access.canManage("no-such")).isFalse();
        assertThatThrownBy(() -> access.manageableTenant("no-such")).isInstanceOf(NotFoundException.class);

        assertThat(statements.get()).as("2 for the caller, 1 per slug").isEqualTo(5);
    }

    @Test
    void unknownAndForeignTenantsLookAlikeForAMember() {
        origin.principal = "bob";
        origin.newRequest();

        assertThatThrownBy(() -> access.readableTenant("a")).isInstanceOf(NotFoundException.class)
                .hasMessage(AccessControl.noSuchTenant("a").getMessage());
        assertThatThrownBy(() -> access.readableTenant(null)).isInstanceOf(NotFoundException.class);
        assertThat(access.canManage(null)).isFalse();
        assertThatThrownBy(() -> access.manageableTenant("f")).isInstanceOf(ForbiddenException.class);
    }
}
