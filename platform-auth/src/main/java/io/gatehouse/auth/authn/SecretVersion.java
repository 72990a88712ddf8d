package io.gatehouse.auth.authn;

import java.time.Instant;

/**
 * One secret a credential accepts: the current one ({@code validUntil == null}) or the previous one during a
 * rotation grace period. {@code material} is the SHA-256 of a Basic password, or the raw bytes of an HMAC secret.
 */
public record SecretVersion(byte[] material, Instant validUntil) {

    public boolean usableAt(Instant now) {
        return validUntil == null || now.isBefore(validUntil);
    }

    @Override
    public String toString() {
        return "SecretVersion[<redacted>, validUntil=" + validUntil + "]";
    }
}
