package io.gatehouse.auth.user;

import io.gatehouse.db.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "api_token")
class ApiToken extends BaseEntity {
    @Column(name = "public_id", nullable = false, updatable = false, length = 20)
    private String publicId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private long userId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "secret_hash", nullable = false, updatable = false, length = 64)
    private String secretHash;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    @Column(name = "last_used_at")
    private OffsetDateTime lastUsedAt;

    protected ApiToken() {
    }

    ApiToken(String publicId, long userId, String name, String secretHash, OffsetDateTime expiresAt) {
        this.publicId = publicId;
        this.userId = userId;
        this.name = name;
        this.secretHash = secretHash;
        this.expiresAt = expiresAt;
    }

    String getPublicId() {
        return publicId;
    }

    long getUserId() {
        return userId;
    }

    String getSecretHash() {
        return secretHash;
    }

    OffsetDateTime getLastUsedAt() {
        return lastUsedAt;
    }

    boolean usableAt(OffsetDateTime now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    void revoke(OffsetDateTime now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    void usedAt(OffsetDateTime now) {
        lastUsedAt = now;
    }

    ApiTokenView toView(OffsetDateTime now) {
        String state = revokedAt != null ? "REVOKED" : now.isBefore(expiresAt) ? "ACTIVE" : "EXPIRED";
        return new ApiTokenView(publicId, name, "gat_" + publicId + "_…", state, getCreatedAt(), expiresAt,
                lastUsedAt, revokedAt);
    }

    @Override
    public String toString() {
        return "ApiToken[" + publicId + ", " + name + "]";
    }
}
