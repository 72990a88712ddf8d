package io.gatehouse.auth.access;

import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.NotFoundException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The authorization checks services make first. The caller's role and memberships are read from the database (a few
 * indexed rows) once per servlet request and again in the next one (see {@link CallerMemo}), so a role change, a
 * removed membership or a disabled account takes effect on the next click or API call, also for console sessions
 * that are already open.
 */
@Service
public class AccessControl {
    private final JdbcTemplate jdbc;
    private final ObjectProvider<RequestOrigin> origin;

    AccessControl(JdbcTemplate jdbc, ObjectProvider<RequestOrigin> origin) {
        this.jdbc = jdbc;
        this.origin = origin;
    }

    /**
     * The current caller: the signed-in user; the system when no authentication exists at all (start-up, background
     * jobs, tests calling services directly). Every console and API request passes the security filter chain, which
     * sets an authentication (anonymous at least), so a request can never be taken for the system.
     */
    public Caller caller() {
        return resolved().caller();
    }

    /**
     * Reads the caller afresh for the rest of the current request: for services that change console users, so a
     * change of the caller's own memberships (or its rollback) is never answered from what was read before it.
     */
    public void rereadCallerForRestOfRequest() {
        CallerMemo.stop(origin.getIfAvailable());
    }

    private ResolvedCaller resolved() {
        RequestOrigin request = origin.getIfAvailable();
        String name = principal(request);
        if (name == null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null) {
                // the security filter chain marks an unauthenticated request as anonymous: never the system
                throw new ForbiddenException("sign in first");
            }
            return ResolvedCaller.SYSTEM;
        }
        ResolvedCaller kept = CallerMemo.recall(request, name);
        if (kept != null) {
            return kept;
        }
        ResolvedCaller read = read(name);
        CallerMemo.keep(request, read);
        return read;
    }

    /** Two queries: the user row, then its memberships with the tenants' slugs. */
    private ResolvedCaller read(String name) {
        List<Object[]> rows = jdbc.query("SELECT id, role, enabled FROM console_user WHERE username = ?",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBoolean(3)}, name);
        if (rows.isEmpty() || !(Boolean) rows.get(0)[2]) {
            throw new ForbiddenException("your account was disabled or removed; ask a platform admin");
        }
        Map<String, Long> tenants = new HashMap<>();
        jdbc.query("SELECT t.slug, t.id FROM console_user_tenant m JOIN tenant t ON t.id = m.tenant_id"
                + " WHERE m.user_id = ?", rs -> {
                    tenants.put(rs.getString(1), rs.getLong(2));
                }, rows.get(0)[0]);
        Caller caller = new Caller(name, ConsoleRole.valueOf((String) rows.get(0)[1]), Set.copyOf(tenants.values()));
        return new ResolvedCaller(caller, tenants);
    }

    /** Refuses anyone but a platform admin (or the system); {@code what} completes "only platform admins may …". */
    public Caller requirePlatformAdmin(String what) {
        Caller caller = caller();
        if (!caller.isPlatformAdmin()) {
            throw new ForbiddenException("only platform admins may " + what);
        }
        return caller;
    }

    /** The id of a tenant the caller may read; an unknown or foreign tenant is "not found" alike. */
    public long readableTenant(String slug) {
        return tenantId(resolved(), slug);
    }

    /** The id of a tenant the caller may change; foreign → not found, own tenant but read-only role → forbidden. */
    public long manageableTenant(String slug) {
        ResolvedCaller resolved = resolved();
        Caller caller = resolved.caller();
        long id = tenantId(resolved, slug);
        if (!caller.canManage(id)) {
            throw new ForbiddenException("your role " + caller.role() + " is read-only in tenant '" + slug + "'");
        }
        return id;
    }

    /** The slugs of the tenants the caller may read, or null for "every tenant, and what belongs to none". */
    public Set<String> readableTenantSlugs() {
        ResolvedCaller resolved = resolved();
        return resolved.caller().isPlatformAdmin() ? null : resolved.tenantSlugs();
    }

    /** Whether the caller may change this tenant's objects (for views deciding which buttons to show). */
    public boolean canManage(String slug) {
        ResolvedCaller resolved = resolved();
        Caller caller = resolved.caller();
        if (caller.isPlatformAdmin()) {
            return !tenantIds(slug).isEmpty();
        }
        Long id = resolved.memberTenant(slug);
        return id != null && caller.canManage(id);
    }

    /** The id of a tenant the caller may read: a member's own tenants need no query, a platform admin's one. */
    private long tenantId(ResolvedCaller resolved, String slug) {
        if (!resolved.caller().isPlatformAdmin()) {
            Long id = resolved.memberTenant(slug);
            if (id == null) {
                throw noSuchTenant(slug);
            }
            return id;
        }
        List<Long> ids = tenantIds(slug);
        if (ids.isEmpty()) {
            throw noSuchTenant(slug);
        }
        return ids.get(0);
    }

    private List<Long> tenantIds(String slug) {
        return jdbc.queryForList("SELECT id FROM tenant WHERE slug = ?", Long.class, slug == null ? "" : slug);
    }

    /** The same message whether the tenant is missing or foreign, so an answer never reveals which. */
    public static NotFoundException noSuchTenant(String slug) {
        return new NotFoundException("no tenant '" + slug + "'");
    }

    private static String principal(RequestOrigin source) {
        String name = source == null ? null : source.principal();
        if (name != null) {
            return name;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()) {
            return null;
        }
        return auth.getName();
    }
}
