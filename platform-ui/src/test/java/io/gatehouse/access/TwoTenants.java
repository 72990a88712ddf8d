package io.gatehouse.access;

import io.gatehouse.auth.credential.CredentialService;
import io.gatehouse.auth.credential.IssueRequest;
import io.gatehouse.auth.credential.IssuedCredential;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.log.RequestLogWriter;
import io.gatehouse.gateway.route.MockSpec;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two tenants, a and b, each with a provider (with a secret header), a route, a key and one logged call; a platform
 * admin, a tenant admin and a viewer of a, and one plain member each of a and of b. Made as the system (no one
 * signed in), with names no other test uses: the test context and its database are shared.
 */
final class TwoTenants {
    record User(String name, ConsoleRole role) {
    }

    /** A tenant's fixture objects; their names differ per tenant, so guessing b's names in a finds nothing. */
    record Tenant(String slug, String provider, String route, String credentialId, long logId, String requestId,
                  User member) {
    }

    /** A moment before the fixture made anything. */
    final Instant createdAt = Instant.now().minusSeconds(1);
    final Tenant a;
    final Tenant b;
    final User platformAdmin;
    final User adminA;
    final User viewerA;
    /** Every secret the fixture made: none may show up in a read, an error message or the audit trail. */
    final List<String> secrets = new ArrayList<>();

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final TenantService tenants;
    private final UserManagement users;
    private final ProviderService providers;
    private final RouteService routes;
    private final CredentialService credentials;

    TwoTenants(ApplicationContext context) {
        tenants = context.getBean(TenantService.class);
        users = context.getBean(UserManagement.class);
        providers = context.getBean(ProviderService.class);
        routes = context.getBean(RouteService.class);
        credentials = context.getBean(CredentialService.class);
        String slugA = "authz-a-" + suffix;
        String slugB = "authz-b-" + suffix;
        tenants.create(slugA, "Authz A");
        tenants.create(slugB, "Authz B");
        platformAdmin = user("pa", ConsoleRole.PLATFORM_ADMIN, List.of());
        adminA = user("admin-a", ConsoleRole.TENANT_ADMIN, List.of(slugA));
        viewerA = user("viewer-a", ConsoleRole.TENANT_VIEWER, List.of(slugA));
        User memberA = user("member-a", ConsoleRole.TENANT_VIEWER, List.of(slugA));
        User memberB = user("member-b", ConsoleRole.TENANT_VIEWER, List.of(slugB));
        RequestLogWriter writer = context.getBean(RequestLogWriter.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        a = populate(slugA, "a", memberA, writer, jdbc);
        b = populate(slugB, "b", memberB, writer, jdbc);
    }

    private Tenant populate(String slug, String letter, User member, RequestLogWriter writer, JdbcTemplate jdbc) {
        String provider = "prov-" + letter;
        String route = "route-" + letter;
        String header = "hdr-secret-" + UUID.randomUUID();
        secrets.add(header);
        providers.create(slug, new ProviderSpec(provider, ProviderSpec.MOCK, List.of(), null, null,
                Map.of("X-Api-Key", header), MockSpec.DEFAULT, null));
        routes.create(slug, routeSpec(route, provider));
        IssuedCredential key = credentials.issue(slug, basicKey("key-" + letter));
        secrets.add(key.secretValue());
        String requestId = "authz-" + letter + "-" + UUID.randomUUID();
        writer.accept(new CallRecord(requestId, Instant.now().minus(5, ChronoUnit.MINUTES), slug, route, key.id(),
                "BASIC", "GET", "/" + route + "/x", null, 200, null, 3, 2, "127.0.0.1", 0, 10, List.of()));
        try {
            if (!writer.awaitDrained(Duration.ofSeconds(30))) {
                throw new AssertionError("request log did not drain: " + writer.counters());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        // the tenant's only call: slot 0 of its only block (row id = block id * 1024 + slot)
        long logId = jdbc.queryForObject("SELECT id * 1024 FROM request_log_block WHERE tenant_slug = ?", Long.class,
                slug);
        return new Tenant(slug, provider, route, key.id(), logId, requestId, member);
    }

    static RouteSpec routeSpec(String name, String provider) {
        return new RouteSpec(name, "/" + name, null, provider, null, null, null, null, null, null);
    }

    static IssueRequest basicKey(String name) {
        return new IssueRequest("BASIC", name, null, null, null, null, null);
    }

    /** A new user; its password is remembered (for password changes) and counted as a secret. */
    User user(String prefix, ConsoleRole role, List<String> tenantSlugs) {
        String name = unique("authz-" + prefix);
        String password = "Pw-" + UUID.randomUUID();
        users.create(new NewUser(name, password, role, tenantSlugs));
        passwords.put(name, password);
        secrets.add(password);
        return new User(name, role);
    }

    /** The user's current password and a new one, remembered as current from now on. */
    String[] nextPassword(User user) {
        String next = "Pw-" + UUID.randomUUID();
        secrets.add(next);
        return new String[] {passwords.put(user.name(), next), next};
    }

    String password(User user) {
        return passwords.get(user.name());
    }

    /** A new tenant with the same members as {@code like} (a: the tenant admin and viewer of a; b: b's member). */
    String tenantLike(Tenant like) {
        String slug = unique("authz-t");
        tenants.create(slug, "Throwaway");
        List<User> members = like == a ? List.of(adminA, viewerA) : List.of(b.member());
        for (User member : members) {
            List<String> now = new ArrayList<>(users.get(member.name()).tenants());
            now.add(slug);
            users.update(member.name(), new UserChange(null, now, null));
        }
        return slug;
    }

    String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
