package io.gatehouse.auth.access;

import io.gatehouse.auth.user.ConsoleRole;
import java.util.Set;

/**
 * Who a service call is made for. The system caller (start-up, background jobs, tests outside a request) has no
 * user name and may do everything, like a platform admin.
 */
public record Caller(String username, ConsoleRole role, Set<Long> tenantIds) {
    private static final Caller SYSTEM = new Caller(null, ConsoleRole.PLATFORM_ADMIN, Set.of());

    public Caller {
        tenantIds = Set.copyOf(tenantIds);
    }

    static Caller system() {
        return SYSTEM;
    }

    public boolean isSystem() {
        return username == null;
    }

    public boolean isPlatformAdmin() {
        return role == ConsoleRole.PLATFORM_ADMIN;
    }

    /** Platform admins see every tenant; others only their own. */
    public boolean canRead(long tenantId) {
        return isPlatformAdmin() || tenantIds.contains(tenantId);
    }

    /** Platform admins manage every tenant; tenant admins their own; viewers none. */
    public boolean canManage(long tenantId) {
        return isPlatformAdmin() || role == ConsoleRole.TENANT_ADMIN && tenantIds.contains(tenantId);
    }
}
