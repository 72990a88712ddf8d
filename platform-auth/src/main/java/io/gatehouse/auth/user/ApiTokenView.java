package io.gatehouse.auth.user;

import java.time.OffsetDateTime;

/** A personal API token as listed: never the secret. {@code state} is ACTIVE, EXPIRED or REVOKED. */
public record ApiTokenView(String id, String name, String prefix, String state, OffsetDateTime createdAt,
                           OffsetDateTime expiresAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
}
