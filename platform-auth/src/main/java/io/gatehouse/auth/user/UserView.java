package io.gatehouse.auth.user;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A console user as others see it: never the password hash. {@code tenants} lists only the memberships the reader
 * may see (a tenant admin does not learn about other tenants a user also belongs to).
 */
public record UserView(String username, ConsoleRole role, List<String> tenants, boolean enabled,
                       OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
