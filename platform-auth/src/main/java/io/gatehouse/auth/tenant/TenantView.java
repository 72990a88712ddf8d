package io.gatehouse.auth.tenant;

import java.time.OffsetDateTime;

/** What callers may read about a tenant. */
public record TenantView(String slug, String name, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
}
