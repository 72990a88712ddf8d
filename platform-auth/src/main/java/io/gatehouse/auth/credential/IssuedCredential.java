package io.gatehouse.auth.credential;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.auth.authn.CredentialType;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The one response that carries a secret: after issue or rotate. Per type the secret fields are
 * BASIC {@code username,password}; AKSK {@code accessKey,secretKey}; JWT {@code accessKey,secret} (HMAC only).
 * {@code jwksUrl} is echoed for JWT keys verified with the issuer's JWKS (not a secret).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IssuedCredential(String id, CredentialType type, String name, String username, String password,
                               String accessKey, String secretKey, String secret, String algorithm, String jwksUrl,
                               OffsetDateTime expiresAt, List<String> routes, OffsetDateTime previousSecretValidUntil) {

    /** The secret value whatever the type, for UIs that show it once; null for public-key JWT credentials. */
    public String secretValue() {
        return password != null ? password : secretKey != null ? secretKey : secret;
    }

    /** The public key id whatever the type. */
    public String keyId() {
        return username != null ? username : accessKey;
    }

    @Override
    public String toString() {
        return "IssuedCredential[" + id + ", " + type + ", secret=<redacted>]";
    }
}
