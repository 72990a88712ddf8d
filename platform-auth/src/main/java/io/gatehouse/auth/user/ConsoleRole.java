package io.gatehouse.auth.user;

/** What a console user may do; see the contract, section 2. */
public enum ConsoleRole {
    PLATFORM_ADMIN, TENANT_ADMIN, TENANT_VIEWER;

    /** The Spring Security authority name for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
