package io.gatehouse.auth.credential;

import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.SecretVersion;
import io.gatehouse.auth.authn.jwt.JwtKeys;
import io.gatehouse.auth.secret.SecretCipher;
import io.gatehouse.auth.tenant.TenantService;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads every credential and prepares the verification material (hashes, decrypted HMAC secrets, public keys).
 * Keys behind a JWKS URL are not fetched here: the {@link io.gatehouse.auth.authn.jwt.JwksKeys} cache does that.
 */
@Service
class CredentialSnapshotLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialSnapshotLoader.class);

    private final CredentialRepository credentials;
    private final TenantService tenants;
    private final SecretCipher cipher;

    CredentialSnapshotLoader(CredentialRepository credentials, TenantService tenants, SecretCipher cipher) {
        this.credentials = credentials;
        this.tenants = tenants;
        this.cipher = cipher;
    }

    // REQUIRES_NEW: runs from after-commit listeners, where the finished transaction is still bound.
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public Map<String, ActiveCredential> load() {
        Map<Long, String> slugs = tenants.slugsById();
        Map<String, ActiveCredential> byKey = new HashMap<>();
        for (Credential c : credentials.findAll()) {
            String tenant = slugs.get(c.getTenantId());
            if (tenant == null) {
                continue;
            }
            try {
                byKey.put(c.getAccessKey(), compile(c, tenant));
            } catch (RuntimeException e) {
                LOG.error("credential {} cannot be loaded and will be refused: {}", c.getPublicId(), e.getMessage());
            }
        }
        return byKey;
    }

    private ActiveCredential compile(Credential c, String tenant) {
        List<SecretVersion> secrets = new ArrayList<>(2);
        addSecret(secrets, c.getSecretHash(), c.getSecretEnc(), null);
        if (c.getPreviousValidUntil() != null) {
            addSecret(secrets, c.getPreviousSecretHash(), c.getPreviousSecretEnc(), c.getPreviousValidUntil().toInstant());
        }
        List<String> routes = CredentialViews.routes(c);
        Set<String> routeSet = routes == null ? null : Set.copyOf(new LinkedHashSet<>(routes));
        PublicKey publicKey = c.getType() == CredentialType.JWT && c.getPublicKeyPem() != null
                ? JwtKeys.parsePublicKeyPem(c.getPublicKeyPem(), c.getAlgorithm()) : null;
        Instant expiresAt = c.getExpiresAt() == null ? null : c.getExpiresAt().toInstant();
        return new ActiveCredential(c.getPublicId(), tenant, c.getType(), c.getName(), c.getAccessKey(), routeSet,
                expiresAt, c.getRevokedAt() != null, List.copyOf(secrets), c.getAlgorithm(), publicKey,
                c.getType() == CredentialType.JWT ? c.getJwksUrl() : null);
    }

    private void addSecret(List<SecretVersion> secrets, String hash, String encrypted, Instant validUntil) {
        if (hash != null) {
            secrets.add(new SecretVersion(HexFormat.of().parseHex(hash), validUntil));
        } else if (encrypted != null) {
            secrets.add(new SecretVersion(cipher.decrypt(encrypted).getBytes(StandardCharsets.UTF_8), validUntil));
        }
    }
}
