package io.gatehouse.auth.authn;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A credential as the gateway holds it in memory: who it belongs to, what it may call, until when, and the secret
 * material needed to verify it. Never printed with its secrets.
 *
 * @param routes    route names it may call; null means every route of its tenant
 * @param algorithm JWT algorithm pinned for this credential (e.g. HS256, RS256); null for other types
 * @param publicKey JWT verification key for RS/ES credentials with a registered key; null otherwise
 * @param jwksUrl   for RS/ES credentials whose keys come from the issuer's JWKS: its URL (the token's {@code kid}
 *                  picks the key); null otherwise
 */
public record ActiveCredential(String id, String tenant, CredentialType type, String name, String accessKey,
                               Set<String> routes, Instant expiresAt, boolean revoked, List<SecretVersion> secrets,
                               String algorithm, PublicKey publicKey, String jwksUrl) {

    /** A credential without a JWKS URL. */
    public ActiveCredential(String id, String tenant, CredentialType type, String name, String accessKey,
                            Set<String> routes, Instant expiresAt, boolean revoked, List<SecretVersion> secrets,
                            String algorithm, PublicKey publicKey) {
        this(id, tenant, type, name, accessKey, routes, expiresAt, revoked, secrets, algorithm, publicKey, null);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public boolean mayCall(String route) {
        return routes == null || routes.contains(route);
    }

    @Override
    public String toString() {
        return "ActiveCredential[" + id + ", " + type + ", tenant=" + tenant + "]";
    }
}
