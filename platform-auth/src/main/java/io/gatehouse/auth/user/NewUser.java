package io.gatehouse.auth.user;

import java.util.List;

/**
 * A user to create. A blank {@code password} means "generate one", shown once in the answer.
 *
 * @param tenants tenant slugs; required for tenant roles, empty for platform admins
 */
public record NewUser(String username, String password, ConsoleRole role, List<String> tenants) {
    public NewUser {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
    }

    @Override
    public String toString() {
        return "NewUser[" + username + ", " + role + ", " + tenants + "]";
    }
}
