package io.gatehouse.auth.user;

import java.util.List;

/** A partial update of a user; a null field is left as it is. */
public record UserChange(ConsoleRole role, List<String> tenants, Boolean enabled) {
    public UserChange {
        tenants = tenants == null ? null : List.copyOf(tenants);
    }
}
