package io.gatehouse.access;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.credential.CredentialService;
import io.gatehouse.auth.credential.IssueRequest;
import io.gatehouse.auth.credential.IssuedCredential;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.ConsoleUserService;
import io.gatehouse.auth.user.CreatedUser;
import io.gatehouse.auth.user.IssuedToken;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.gateway.route.MockSpec;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.RouteService;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.ClassUtils;

/**
 * Every change leaves exactly one audit entry naming who did what to which object in which tenant, and never a
 * secret. Complete by construction: each public write-transactional method of a Gatehouse bean needs a scenario
 * here (or a reason in {@link #NOT_A_CHANGE}). Entries are read straight from the audit_event table.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditCompletenessTest {
    /** Write transactions that are no change a person makes, each with the reason it records nothing. */
    static final Map<String, String> NOT_A_CHANGE = Map.ofEntries(
            entry("AuditTrail.record", "the audit entry itself, written inside the caller's transaction"),
            entry("ApiTokenService.authenticate", "bearer sign-in; writes only the token's last-used time"),
            entry("CredentialUsage.flush", "scheduled job writing keys' last-used times"));

    /** The audit entry a scenario must leave ({@code action == null}: none), and the secrets it handled. */
    record Expected(String actor, String action, String tenant, String objectType, String objectId,
                    List<String> secrets) {
    }

    record Row(String actor, String action, String tenant, String objectType, String objectId, String detail) {
        String all() {
            return String.join("|", String.valueOf(actor), action, String.valueOf(tenant), objectType,
                    String.valueOf(objectId), String.valueOf(detail));
        }
    }

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcTemplate jdbc;

    private TwoTenants fx;
    private Map<String, Callable<Expected>> scenarios;
    /** The last audit entry before the audited call of the running scenario. */
    private Long mark;

    @BeforeAll
    void fixture() {
        fx = new TwoTenants(context);
        scenarios = scenarios();
    }

    /** Every public method of a Gatehouse bean that runs in a read-write transaction, as "Class.method". */
    static Set<String> writeTransactions(ApplicationContext context) {
        Set<String> methods = new TreeSet<>();
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type == null || !type.getName().startsWith("io.gatehouse.")) {
                continue;
            }
            Class<?> target = ClassUtils.getUserClass(type);
            for (Method method : target.getDeclaredMethods()) {
                Transactional tx = AnnotatedElementUtils.findMergedAnnotation(method, Transactional.class);
                if (tx == null) {
                    tx = AnnotatedElementUtils.findMergedAnnotation(target, Transactional.class);
                }
                if (tx != null && !tx.readOnly() && Modifier.isPublic(method.getModifiers()) && !method.isSynthetic()) {
                    methods.add(target.getSimpleName() + "." + method.getName());
                }
            }
        }
        return methods;
    }

    @Test
    void everyWriteTransactionHasAnAuditScenario() {
        Set<String> missing = new TreeSet<>(writeTransactions(context));
        missing.removeAll(scenarios.keySet());
        missing.removeAll(NOT_A_CHANGE.keySet());
        assertThat(missing).as("write transactions without an audit scenario: add one to scenarios()").isEmpty();
        Set<String> stale = new TreeSet<>(scenarios.keySet());
        stale.addAll(NOT_A_CHANGE.keySet());
        stale.removeAll(writeTransactions(context));
        assertThat(stale).as("scenarios naming no write transaction").isEmpty();
    }

    List<String> scenarioNames() {
        return List.copyOf(scenarios.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarioNames")
    void aChangeLeavesExactlyOneAuditEntryWithoutSecrets(String method) throws Exception {
        mark = null;
        Expected expected = scenarios.get(method).call();
        assertThat(mark).as("the scenario of %s makes its call through audited(...)", method).isNotNull();
        List<Row> rows = jdbc.query("SELECT actor, action, tenant_slug, object_type, object_id, detail FROM audit_event"
                + " WHERE id > ? ORDER BY id", (rs, i) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6)), mark);
        if (expected.action() == null) {
            assertThat(rows).as("%s changed nothing here, so it must record nothing", method).isEmpty();
            return;
        }
        assertThat(rows).as("audit entries of %s", method).hasSize(1);
        Row row = rows.get(0);
        assertThat(row).as("audit entry of %s", method).usingRecursiveComparison().ignoringFields("detail")
                .isEqualTo(new Row(expected.actor(), expected.action(), expected.tenant(), expected.objectType(),
                        expected.objectId(), null));
        assertThat(expected.secrets()).as("the secrets %s handled", method).isNotEmpty().doesNotContainNull();
        for (String secret : expected.secrets()) {
            assertThat(row.all()).as("audit entry of %s", method).doesNotContain(secret);
        }
    }

    @Test
    void noAuditEntryHoldsASecretTheTestsMade() {
        List<String> entries = jdbc.queryForList("SELECT CONCAT(COALESCE(action, ''), '|', COALESCE(detail, ''), '|',"
                + " COALESCE(object_id, '')) FROM audit_event", String.class);
        for (String secret : fx.secrets) {
            assertThat(entries).noneMatch(e -> e.contains(secret));
        }
    }

    private Map<String, Callable<Expected>> scenarios() {
        Map<String, Callable<Expected>> all = new LinkedHashMap<>();
        tenantScenarios(all);
        providerAndRouteScenarios(all);
        credentialScenarios(all);
        userScenarios(all);
        return all;
    }

    /** Runs the call under test as the user; what a scenario does before (as the system) is not counted. */
    private <T> T audited(TwoTenants.User user, Callable<T> call) throws Exception {
        mark = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM audit_event", Long.class);
        return SignedIn.as(user, call);
    }

    private static Expected expect(TwoTenants.User actor, String action, String tenant, String type, String id,
                                   String... secrets) {
        return new Expected(actor.name(), action, tenant, type, id, Arrays.asList(secrets));
    }

    private void tenantScenarios(Map<String, Callable<Expected>> all) {
        TenantService tenants = context.getBean(TenantService.class);
        String a = fx.a.slug();
        all.put("TenantService.create", () -> {
            String slug = fx.unique("audit-new");
            audited(fx.platformAdmin, () -> tenants.create(slug, "Audited"));
            return expect(fx.platformAdmin, "tenant.create", slug, "tenant", slug, fx.password(fx.platformAdmin));
        });
        all.put("TenantService.rename", () -> {
            audited(fx.adminA, () -> tenants.rename(a, "Renamed for the audit"));
            return expect(fx.adminA, "tenant.rename", a, "tenant", a, fx.password(fx.adminA));
        });
        all.put("TenantService.delete", () -> {
            String slug = fx.unique("audit-gone");
            tenants.create(slug, "Doomed");
            audited(fx.platformAdmin, () -> {
                tenants.delete(slug);
                return null;
            });
            return expect(fx.platformAdmin, "tenant.delete", slug, "tenant", slug, fx.password(fx.platformAdmin));
        });
        all.put("ConsoleUserService.createFirstAdminIfNone", () -> {
            // its entry was written at start-up, by the system
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'user.create'"
                    + " AND object_id = 'admin' AND actor = 'system'", Integer.class)).isEqualTo(1);
            audited(fx.platformAdmin, () -> context.getBean(ConsoleUserService.class)
                    .createFirstAdminIfNone("audit-first", "Pw-never-used-1234"));
            return new Expected(null, null, null, null, null, List.of());
        });
    }

    private void providerAndRouteScenarios(Map<String, Callable<Expected>> all) {
        ProviderService providers = context.getBean(ProviderService.class);
        RouteService routes = context.getBean(RouteService.class);
        String a = fx.a.slug();
        all.put("ProviderService.create", () -> {
            String name = fx.unique("audit");
            String header = fx.unique("hdr-create");
            audited(fx.adminA, () -> providers.create(a, withHeader(name, header)));
            return expect(fx.adminA, "provider.create", a, "provider", name, header);
        });
        all.put("ProviderService.replace", () -> {
            String name = fx.unique("audit");
            String before = fx.unique("hdr-before");
            String after = fx.unique("hdr-after");
            providers.create(a, withHeader(name, before));
            audited(fx.adminA, () -> providers.replace(a, name, withHeader(name, after)));
            return expect(fx.adminA, "provider.update", a, "provider", name, before, after);
        });
        all.put("ProviderService.delete", () -> {
            String name = fx.unique("audit");
            String header = fx.unique("hdr-delete");
            providers.create(a, withHeader(name, header));
            audited(fx.adminA, () -> {
                providers.delete(a, name);
                return null;
            });
            return expect(fx.adminA, "provider.delete", a, "provider", name, header);
        });
        all.put("RouteService.create", () -> {
            String name = fx.unique("audit");
            audited(fx.adminA, () -> routes.create(a, TwoTenants.routeSpec(name, fx.a.provider())));
            return expect(fx.adminA, "route.create", a, "route", name, fx.password(fx.adminA));
        });
        all.put("RouteService.replace", () -> {
            String name = fx.unique("audit");
            routes.create(a, TwoTenants.routeSpec(name, fx.a.provider()));
            audited(fx.adminA, () -> routes.replace(a, name, TwoTenants.routeSpec(name, fx.a.provider())));
            return expect(fx.adminA, "route.update", a, "route", name, fx.password(fx.adminA));
        });
        all.put("RouteService.delete", () -> {
            String name = fx.unique("audit");
            routes.create(a, TwoTenants.routeSpec(name, fx.a.provider()));
            audited(fx.adminA, () -> {
                routes.delete(a, name);
                return null;
            });
            return expect(fx.adminA, "route.delete", a, "route", name, fx.password(fx.adminA));
        });
    }

    private void credentialScenarios(Map<String, Callable<Expected>> all) {
        CredentialService credentials = context.getBean(CredentialService.class);
        String a = fx.a.slug();
        all.put("CredentialService.issue", () -> {
            IssuedCredential key = audited(fx.adminA, () -> credentials.issue(a,
                    new IssueRequest("JWT", "audit", "HS256", null, null, null, null)));
            return expect(fx.adminA, "credential.issue", a, "credential", key.id(), key.secretValue());
        });
        all.put("CredentialService.revoke", () -> {
            IssuedCredential key = credentials.issue(a, TwoTenants.basicKey("audit"));
            audited(fx.adminA, () -> credentials.revoke(a, key.id()));
            return expect(fx.adminA, "credential.revoke", a, "credential", key.id(), key.secretValue());
        });
        all.put("CredentialService.rotate", () -> {
            IssuedCredential key = credentials.issue(a, new IssueRequest("AKSK", "audit", null, null, null, null,
                    null));
            IssuedCredential rotated = audited(fx.adminA, () -> credentials.rotate(a, key.id(), null));
            return expect(fx.adminA, "credential.rotate", a, "credential", key.id(), key.secretValue(),
                    rotated.secretValue());
        });
    }

    private void userScenarios(Map<String, Callable<Expected>> all) {
        UserManagement users = context.getBean(UserManagement.class);
        ApiTokenService tokens = context.getBean(ApiTokenService.class);
        String a = fx.a.slug();
        all.put("UserManagement.create", () -> {
            String name = fx.unique("audit-user");
            CreatedUser created = audited(fx.adminA, () -> users.create(new NewUser(name, null,
                    ConsoleRole.TENANT_VIEWER, List.of(a))));
            return expect(fx.adminA, "user.create", a, "user", name, created.generatedPassword());
        });
        all.put("UserManagement.update", () -> {
            TwoTenants.User user = fx.user("audit", ConsoleRole.TENANT_VIEWER, List.of(a));
            audited(fx.adminA, () -> users.update(user.name(), new UserChange(ConsoleRole.TENANT_ADMIN, null,
                    null)));
            return expect(fx.adminA, "user.update", a, "user", user.name(), fx.password(user));
        });
        all.put("UserManagement.resetPassword", () -> {
            TwoTenants.User user = fx.user("audit", ConsoleRole.TENANT_VIEWER, List.of(a));
            String password = audited(fx.adminA, () -> users.resetPassword(user.name()));
            return expect(fx.adminA, "user.password-reset", a, "user", user.name(), password, fx.password(user));
        });
        all.put("UserManagement.delete", () -> {
            TwoTenants.User user = fx.user("audit", ConsoleRole.TENANT_VIEWER, List.of(a));
            audited(fx.adminA, () -> {
                users.delete(user.name());
                return null;
            });
            return expect(fx.adminA, "user.delete", a, "user", user.name(), fx.password(user));
        });
        all.put("UserManagement.changeOwnPassword", () -> {
            String[] passwords = fx.nextPassword(fx.viewerA);
            audited(fx.viewerA, () -> {
                users.changeOwnPassword(passwords[0], passwords[1]);
                return null;
            });
            return expect(fx.viewerA, "user.password-change", null, "user", fx.viewerA.name(), passwords);
        });
        all.put("ApiTokenService.create", () -> {
            IssuedToken token = audited(fx.viewerA, () -> tokens.create("audit", 1));
            return expect(fx.viewerA, "token.create", null, "api-token", token.view().id(), token.token(),
                    token.token().substring(token.token().lastIndexOf('_') + 1));
        });
        all.put("ApiTokenService.revoke", () -> {
            IssuedToken token = SignedIn.as(fx.viewerA, () -> tokens.create("audit", 1));
            audited(fx.viewerA, () -> tokens.revoke(token.view().id()));
            return expect(fx.viewerA, "token.revoke", null, "api-token", token.view().id(), token.token());
        });
    }

    private static ProviderSpec withHeader(String name, String headerValue) {
        return new ProviderSpec(name, ProviderSpec.MOCK, List.of(), null, null, Map.of("X-Api-Key", headerValue),
                MockSpec.DEFAULT, null);
    }
}
