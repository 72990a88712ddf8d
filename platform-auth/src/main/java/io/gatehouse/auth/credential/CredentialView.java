package io.gatehouse.auth.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.auth.authn.CredentialType;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A credential as anyone may read it after creation: never a secret, only a key prefix. {@code jwksUrl} (JWT keys
 * verified with the issuer's JWKS) is not a secret and is shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CredentialView(String id, CredentialType type, String name, String keyPrefix, String algorithm,
                             String jwksUrl, List<String> routes, CredentialStatus state, OffsetDateTime createdAt,
                             String createdBy, OffsetDateTime expiresAt, OffsetDateTime lastUsedAt,
                             OffsetDateTime rotatedAt, OffsetDateTime previousSecretValidUntil,
                             OffsetDateTime revokedAt) {
}
