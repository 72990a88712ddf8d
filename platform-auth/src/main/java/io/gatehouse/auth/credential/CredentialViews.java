package io.gatehouse.auth.credential;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Read models of stored credentials: state derived from dates, key shown as a prefix only. */
final class CredentialViews {
    private CredentialViews() {
    }

    static CredentialView of(Credential c) {
        return new CredentialView(c.getPublicId(), c.getType(), c.getName(), prefix(c.getAccessKey()), c.getAlgorithm(),
                c.getJwksUrl(), routes(c), status(c, OffsetDateTime.now(ZoneOffset.UTC)), c.getCreatedAt(), c.getCreatedBy(),
                c.getExpiresAt(), c.getLastUsedAt(), c.getRotatedAt(), c.getPreviousValidUntil(), c.getRevokedAt());
    }

    static List<String> routes(Credential c) {
        return c.getRouteNames() == null ? null
                : c.getRouteNames().isEmpty() ? List.of() : Arrays.asList(c.getRouteNames().split(","));
    }

    static CredentialStatus status(Credential c, OffsetDateTime now) {
        if (c.getRevokedAt() != null) {
            return CredentialStatus.REVOKED;
        }
        if (c.getExpiresAt() != null && !now.isBefore(c.getExpiresAt())) {
            return CredentialStatus.EXPIRED;
        }
        return CredentialStatus.ACTIVE;
    }

    /** Enough of the key id to recognise it in a list, e.g. {@code AKQ3F7…}. */
    static String prefix(String accessKey) {
        int shown = Math.min(accessKey.length(), accessKey.indexOf('_') >= 0 ? accessKey.indexOf('_') + 5 : 6);
        return accessKey.substring(0, shown) + "…";
    }
}
