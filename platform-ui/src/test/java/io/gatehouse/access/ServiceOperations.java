package io.gatehouse.access;

import static java.util.Map.entry;

import io.gatehouse.auth.audit.AuditExport;
import io.gatehouse.auth.audit.AuditFilter;
import io.gatehouse.auth.audit.AuditLog;
import io.gatehouse.auth.audit.AuditPage;
import io.gatehouse.auth.credential.CredentialService;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.ApiTokenView;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.auth.user.UserView;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.gateway.log.LogStatsService;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.gateway.probe.RouteTester;
import io.gatehouse.gateway.route.MockSpec;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.RouteService;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Service;

/**
 * The operations of the authorization matrix - one per public service method - and the reflection that finds every
 * public service method, so the matrix can prove it left none out.
 */
final class ServiceOperations {
    /**
     * Public service methods no person calls as an operation, each with the reason it needs no matrix row. Keep this
     * short: anything a view or controller calls belongs in the matrix.
     */
    static final Map<String, String> INTERNAL = Map.ofEntries(
            entry("TenantService.idOf", "id of a slug for modules storing tenant-owned rows, after their own check"),
            entry("TenantService.slugsById", "id-to-slug map for snapshot builders and user views"),
            entry("ConsoleUserService.loadUserByUsername", "the sign-in lookup, before anyone is signed in"),
            entry("ConsoleUserService.createFirstAdminIfNone", "start-up: the first admin when there is no user"),
            entry("ApiTokenService.authenticate", "bearer token sign-in, before anyone is signed in"),
            entry("RouteCatalogService.exists", "asked by CredentialService after its own tenant check"),
            entry("CredentialUsage.used", "the gateway marks a key as used, in memory"),
            entry("CredentialUsage.flush", "scheduled job writing last-used times"),
            entry("CredentialSnapshotLoader.load", "the gateway's key snapshot: every tenant by design"),
            entry("RouteTableLoader.load", "the gateway's route table: every tenant by design"),
            entry("AuditTrail.record", "writes an audit entry inside the calling service's transaction"),
            entry("AuditTrail.currentActor", "who is acting, for audit entries and created-by fields"));

    /** Classes that are the authorization mechanism itself rather than operations it guards. */
    static final Set<String> MECHANISM = Set.of("AccessControl");

    /** Runs first, as the system: makes what the call needs (a throwaway object, a password) and returns it. */
    @FunctionalInterface
    interface Setup {
        Object prepare(TwoTenants.Tenant target, TwoTenants.User caller) throws Exception;
    }

    /** The operation itself, run as the caller. */
    @FunctionalInterface
    interface Call {
        Object run(TwoTenants.Tenant target, Object prepared) throws Exception;
    }

    /** Whether an answer shows the target object (for list-like calls, where "not yours" means "not listed"). */
    @FunctionalInterface
    interface Shows {
        boolean test(Object answer, TwoTenants.Tenant target, Object prepared);
    }

    record Op(Setup setup, Call call, Shows shows) {
        static Op of(Call call) {
            return new Op((t, c) -> null, call, null);
        }

        static Op of(Setup setup, Call call) {
            return new Op(setup, call, null);
        }

        Op shows(Shows predicate) {
            return new Op(setup, call, predicate);
        }
    }

    private final ApplicationContext context;
    private final TwoTenants fx;

    ServiceOperations(ApplicationContext context, TwoTenants fx) {
        this.context = context;
        this.fx = fx;
    }

    /** Every public method declared by a {@code @Service} class of Gatehouse, as "Class.method". */
    static Set<String> publicServiceMethods(ApplicationContext context) {
        Set<String> methods = new TreeSet<>();
        for (Object bean : context.getBeansWithAnnotation(Service.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            if (!type.getPackageName().startsWith("io.gatehouse.") || MECHANISM.contains(type.getSimpleName())) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                if (Modifier.isPublic(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                    methods.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        return methods;
    }

    Map<String, Op> all() {
        Map<String, Op> ops = new LinkedHashMap<>();
        tenants(ops);
        providersAndRoutes(ops);
        credentials(ops);
        logs(ops);
        audit(ops);
        users(ops);
        tokens(ops);
        return ops;
    }

    private void tenants(Map<String, Op> ops) {
        TenantService tenants = context.getBean(TenantService.class);
        ops.put("TenantService.list", Op.of((t, p) -> tenants.list())
                .shows((answer, t, p) -> slugs(answer).contains(t.slug())));
        ops.put("TenantService.get", Op.of((t, p) -> tenants.get(t.slug())));
        ops.put("TenantService.create", Op.of((t, p) -> tenants.create(fx.unique("authz-new"), "New")));
        ops.put("TenantService.rename", Op.of((t, p) -> tenants.rename(t.slug(), "Renamed by the matrix")));
        ops.put("TenantService.delete", Op.of((t, c) -> fx.tenantLike(t), (t, slug) -> {
            tenants.delete((String) slug);
            return null;
        }));
    }

    private void providersAndRoutes(Map<String, Op> ops) {
        ProviderService providers = context.getBean(ProviderService.class);
        RouteService routes = context.getBean(RouteService.class);
        RouteTester tester = context.getBean(RouteTester.class);
        Setup throwawayProvider = (t, c) -> providers.create(t.slug(), mock(fx.unique("tmp"))).name();
        ops.put("ProviderService.list", Op.of((t, p) -> providers.list(t.slug())));
        ops.put("ProviderService.get", Op.of((t, p) -> providers.get(t.slug(), t.provider())));
        ops.put("ProviderService.create", Op.of((t, p) -> providers.create(t.slug(), mock(fx.unique("new")))));
        ops.put("ProviderService.replace", Op.of((t, p) -> providers.replace(t.slug(), t.provider(),
                mock(t.provider()))));
        ops.put("ProviderService.delete", Op.of(throwawayProvider, (t, name) -> {
            providers.delete(t.slug(), (String) name);
            return null;
        }));
        Setup throwawayRoute = (t, c) -> routes.create(t.slug(),
                TwoTenants.routeSpec(fx.unique("tmp"), t.provider())).name();
        ops.put("RouteService.list", Op.of((t, p) -> routes.list(t.slug())));
        ops.put("RouteService.get", Op.of((t, p) -> routes.get(t.slug(), t.route())));
        ops.put("RouteService.create", Op.of((t, p) -> routes.create(t.slug(),
                TwoTenants.routeSpec(fx.unique("new"), t.provider()))));
        ops.put("RouteService.replace", Op.of((t, p) -> routes.replace(t.slug(), t.route(),
                TwoTenants.routeSpec(t.route(), t.provider()))));
        ops.put("RouteService.delete", Op.of(throwawayRoute, (t, name) -> {
            routes.delete(t.slug(), (String) name);
            return null;
        }));
        ops.put("RouteTester.test", Op.of((t, p) -> tester.test(t.slug(), t.route(), "GET", "/x", null)));
    }

    private void credentials(Map<String, Op> ops) {
        CredentialService credentials = context.getBean(CredentialService.class);
        Setup throwawayKey = (t, c) -> credentials.issue(t.slug(), TwoTenants.basicKey("tmp")).id();
        ops.put("CredentialService.list", Op.of((t, p) -> credentials.list(t.slug())));
        ops.put("CredentialService.get", Op.of((t, p) -> credentials.get(t.slug(), t.credentialId())));
        ops.put("CredentialService.issue", Op.of((t, p) -> credentials.issue(t.slug(), TwoTenants.basicKey("new"))));
        ops.put("CredentialService.revoke", Op.of(throwawayKey, (t, id) -> credentials.revoke(t.slug(), (String) id)));
        ops.put("CredentialService.rotate", Op.of(throwawayKey,
                (t, id) -> credentials.rotate(t.slug(), (String) id, null)));
    }

    private void logs(Map<String, Op> ops) {
        RequestLogService logs = context.getBean(RequestLogService.class);
        LogStatsService stats = context.getBean(LogStatsService.class);
        Instant to = Instant.now().plus(1, ChronoUnit.HOURS);
        Instant from = to.minus(1, ChronoUnit.DAYS);
        ops.put("RequestLogService.list", Op.of((t, p) -> logs.list(t.slug(), byRequestId(t)))
                .shows((answer, t, p) -> ids((LogPage) answer).contains(t.logId())));
        ops.put("RequestLogService.find", Op.of((t, p) -> logs.find(t.slug(), t.logId()))
                .shows((answer, t, p) -> ((Optional<?>) answer).isPresent()));
        ops.put("RequestLogService.findByRequestId", Op.of((t, p) -> logs.findByRequestId(t.slug(), t.requestId()))
                .shows((answer, t, p) -> ((Optional<?>) answer).isPresent()));
        ops.put("RequestLogService.export", Op.of((t, p) -> {
            StringWriter out = new StringWriter();
            logs.export(t.slug(), byRequestId(t)).writeTo(out);
            return out.toString();
        }).shows((answer, t, p) -> answer.toString().contains(t.requestId())));
        ops.put("RequestLogService.listAll", Op.of((t, p) -> logs.listAll(byRequestId(t)))
                .shows((answer, t, p) -> ids((LogPage) answer).contains(t.logId())));
        ops.put("RequestLogService.findAny", Op.of((t, p) -> logs.findAny(t.logId()))
                .shows((answer, t, p) -> ((Optional<?>) answer).isPresent()));
        ops.put("LogStatsService.stats", Op.of((t, p) -> stats.stats(t.slug(), from, to, 3600)));
        ops.put("LogStatsService.stats[allTenants]", Op.of((t, p) -> stats.stats(null, from, to, 3600)));
    }

    private void audit(Map<String, Op> ops) {
        AuditLog audit = context.getBean(AuditLog.class);
        String since = fx.createdAt.toString();
        // the entries recording the creation of the tenants
        Shows createdAt = (answer, t, p) -> ((AuditPage) answer).items().stream()
                .anyMatch(r -> "tenant.create".equals(r.action()) && t.slug().equals(r.objectId()));
        Shows csvHas = (answer, t, p) -> answer.toString().contains("tenant.create," + t.slug() + ",tenant,"
                + t.slug() + ",");
        ops.put("AuditLog.search", Op.of((t, p) -> audit.search(creations(null, since))).shows(createdAt));
        ops.put("AuditLog.search[tenant]", Op.of((t, p) -> audit.search(creations(t.slug(), since)))
                .shows(createdAt));
        ops.put("AuditLog.export", Op.of((t, p) -> csv(audit.export(creations(null, since))))
                .shows(csvHas));
        ops.put("AuditLog.export[tenant]", Op.of((t, p) -> csv(audit.export(creations(t.slug(), since))))
                .shows(csvHas));
    }

    private static AuditFilter creations(String tenant, String since) {
        return AuditFilter.parse(tenant, null, "tenant.create", null, since, null, "1000", null);
    }

    private static String csv(AuditExport export) throws java.io.IOException {
        StringWriter out = new StringWriter();
        export.writeTo(out);
        return out.toString();
    }

    private void users(Map<String, Op> ops) {
        UserManagement users = context.getBean(UserManagement.class);
        Setup throwawayMember = (t, c) -> fx.user("tmp", ConsoleRole.TENANT_VIEWER, List.of(t.slug())).name();
        ops.put("UserManagement.list", Op.of((t, p) -> users.list())
                .shows((answer, t, p) -> ((List<?>) answer).stream().map(u -> ((UserView) u).username())
                        .anyMatch(t.member().name()::equals)));
        ops.put("UserManagement.get", Op.of((t, p) -> users.get(t.member().name())));
        ops.put("UserManagement.create", Op.of((t, p) -> users.create(new NewUser(fx.unique("authz-new"),
                "Pw-new-" + fx.unique("x"), ConsoleRole.TENANT_VIEWER, List.of(t.slug())))));
        ops.put("UserManagement.update", Op.of(throwawayMember,
                (t, name) -> users.update((String) name, new UserChange(null, null, false))));
        ops.put("UserManagement.resetPassword", Op.of(throwawayMember,
                (t, name) -> users.resetPassword((String) name)));
        ops.put("UserManagement.delete", Op.of(throwawayMember, (t, name) -> {
            users.delete((String) name);
            return null;
        }));
        ops.put("UserManagement.changeOwnPassword", Op.of((t, caller) -> fx.nextPassword(caller), (t, p) -> {
            String[] passwords = (String[]) p;
            users.changeOwnPassword(passwords[0], passwords[1]);
            return null;
        }));
    }

    private void tokens(Map<String, Op> ops) {
        ApiTokenService tokens = context.getBean(ApiTokenService.class);
        // a: a token of the caller; b: a token of b's member
        Setup token = (t, caller) -> SignedIn.as(t == fx.a ? caller : t.member(),
                () -> tokens.create("matrix", 1).view().id());
        ops.put("ApiTokenService.mine", Op.of(token, (t, id) -> tokens.mine())
                .shows((answer, t, id) -> ((List<?>) answer).stream().anyMatch(v -> ((ApiTokenView) v).id().equals(id))));
        ops.put("ApiTokenService.create", Op.of((t, p) -> tokens.create("matrix", 1)));
        ops.put("ApiTokenService.revoke", Op.of(token, (t, id) -> tokens.revoke((String) id)));
    }

    private static ProviderSpec mock(String name) {
        return ProviderSpec.mock(name, MockSpec.DEFAULT);
    }

    private static LogFilter byRequestId(TwoTenants.Tenant t) {
        return LogFilter.parse(null, null, null, null, null, t.requestId(), null, null);
    }

    private static List<Long> ids(LogPage page) {
        return page.items().stream().map(LogEntry::id).toList();
    }

    private static List<String> slugs(Object tenantViews) {
        return ((List<?>) tenantViews).stream().map(v -> ((TenantView) v).slug()).toList();
    }
}
