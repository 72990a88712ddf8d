package io.gatehouse.auth.credential;

import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.db.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "credential")
class Credential extends BaseEntity {
    @Column(name = "public_id", nullable = false, unique = true, updatable = false, length = 40)
    private String publicId;

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false, length = 10)
    private CredentialType type;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "access_key", nullable = false, unique = true, updatable = false, length = 100)
    private String accessKey;

    @Column(name = "secret_hash", length = 64)
    private String secretHash;

    @Column(name = "secret_enc", length = 500)
    private String secretEnc;

    @Column(name = "previous_secret_hash", length = 64)
    private String previousSecretHash;

    @Column(name = "previous_secret_enc", length = 500)
    private String previousSecretEnc;

    @Column(name = "previous_valid_until")
    private OffsetDateTime previousValidUntil;

    @Column(length = 10)
    private String algorithm;

    @Column(name = "public_key_pem", length = 4000)
    private String publicKeyPem;

    @Column(name = "jwks_url", length = 2000)
    private String jwksUrl;

    @Column(name = "route_names", length = 2000)
    private String routeNames;

    @Column(name = "expires_at")
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "rotated_at")
    private OffsetDateTime rotatedAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    @Column(name = "created_by", nullable = false, updatable = false, length = 100)
    private String createdBy;

    protected Credential() {
    }

    Credential(String publicId, long tenantId, CredentialType type, String name, String accessKey, String createdBy) {
        this.publicId = publicId;
        this.tenantId = tenantId;
        this.type = type;
        this.name = name;
        this.accessKey = accessKey;
        this.createdBy = createdBy;
    }

    void setSecret(String secretHash, String secretEnc) {
        this.secretHash = secretHash;
        this.secretEnc = secretEnc;
    }

    /** Keeps the current secret valid until {@code graceEnd} and installs a new one. */
    void rotate(String newHash, String newEnc, OffsetDateTime now, OffsetDateTime graceEnd) {
        this.previousSecretHash = secretHash;
        this.previousSecretEnc = secretEnc;
        this.previousValidUntil = graceEnd;
        this.secretHash = newHash;
        this.secretEnc = newEnc;
        this.rotatedAt = now;
    }

    void configure(String algorithm, String publicKeyPem, String jwksUrl, String routeNames, OffsetDateTime expiresAt) {
        this.algorithm = algorithm;
        this.publicKeyPem = publicKeyPem;
        this.jwksUrl = jwksUrl;
        this.routeNames = routeNames;
        this.expiresAt = expiresAt;
    }

    void revoke(OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    void markUsed(OffsetDateTime at) {
        if (lastUsedAt == null || at.isAfter(lastUsedAt)) {
            lastUsedAt = at;
        }
    }

    String getPublicId() { return publicId; }
    long getTenantId() { return tenantId; }
    CredentialType getType() { return type; }
    String getName() { return name; }
    String getAccessKey() { return accessKey; }
    String getSecretHash() { return secretHash; }
    String getSecretEnc() { return secretEnc; }
    String getPreviousSecretHash() { return previousSecretHash; }
    String getPreviousSecretEnc() { return previousSecretEnc; }
    OffsetDateTime getPreviousValidUntil() { return previousValidUntil; }
    String getAlgorithm() { return algorithm; }
    String getPublicKeyPem() { return publicKeyPem; }
    String getJwksUrl() { return jwksUrl; }
    String getRouteNames() { return routeNames; }
    OffsetDateTime getExpiresAt() { return expiresAt; }
    OffsetDateTime getRevokedAt() { return revokedAt; }
    OffsetDateTime getRotatedAt() { return rotatedAt; }
    OffsetDateTime getLastUsedAt() { return lastUsedAt; }
    String getCreatedBy() { return createdBy; }

    @Override
    public String toString() {
        return "Credential[" + publicId + ", " + type + "]";
    }
}
