package io.gatehouse.auth.access;

import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.NotFoundException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The authorization checks services make first. Membership is read from the database on every check (a few indexed
 * rows), so a role change, a removed membership or a disabled account takes effect on the next call, also for
 * console sessions that are already open.
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
        String name = principal();
        if (name == null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (auth != null) {
                // the security filter chain marks an unauthenticated request as anonymous: never the system
                throw new ForbiddenException("sign in first");
            }
            return Caller.system();
        }
        List<Object[]> rows = jdbc.query("SELECT id, role, enabled FROM console_user WHERE username = ?",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getBoolean(3)}, name);
        if (rows.isEmpty() || !(Boolean) rows.get(0)[2]) {
            throw new ForbiddenException("your account was disabled or removed; ask a platform admin");
        }
        long userId = (Long) rows.get(0)[0];
        Set<Long> tenants = new HashSet<>(jdbc.queryForList(
                "SELECT tenant_id FROM console_user_tenant WHERE user_id = ?", Long.class, userId));
        return new Caller(name, ConsoleRole.valueOf((String) rows.get(0)[1]), tenants);
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
        Caller caller = caller();
        long id = tenantId(slug);
        if (!caller.canRead(id)) {
            throw noSuchTenant(slug);
        }
        return id;
    }

    /** The id of a tenant the caller may change; foreign → not found, own tenant but read-only role → forbidden. */
    public long manageableTenant(String slug) {
        Caller caller = caller();
        long id = tenantId(slug);
        if (!caller.canRead(id)) {
            throw noSuchTenant(slug);
        }
        if (!caller.canManage(id)) {
            throw new ForbiddenException("your role " + caller.role() + " is read-only in tenant '" + slug + "'");
        }
        return id;
    }

    /** The slugs of the tenants the caller may read, or null for "every tenant, and what belongs to none". */
    public Set<String> readableTenantSlugs() {
        Caller caller = caller();
        if (caller.isPlatformAdmin()) {
            return null;
        }
        Set<String> slugs = new HashSet<>();
        for (Long id : caller.tenantIds()) {
            slugs.addAll(jdbc.queryForList("SELECT slug FROM tenant WHERE id = ?", String.class, id));
        }
        return Set.copyOf(slugs);
    }

    /** Whether the caller may change this tenant's objects (for views deciding which buttons to show). */
    public boolean canManage(String slug) {
        List<Long> ids = tenantIds(slug);
        return !ids.isEmpty() && caller().canManage(ids.get(0));
    }

    private long tenantId(String slug) {
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

    private String principal() {
        RequestOrigin source = origin.getIfAvailable();
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
