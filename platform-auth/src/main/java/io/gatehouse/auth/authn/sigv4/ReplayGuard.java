package io.gatehouse.auth.authn.sigv4;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;

/** Remembers verified signatures of non-idempotent requests for twice the clock skew, so each is accepted once. */
final class ReplayGuard {
    private final Cache<String, Boolean> seen;

    ReplayGuard(Duration allowedClockSkew, long maximumSize) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(allowedClockSkew.multipliedBy(2))
                .maximumSize(maximumSize)
                .build();
    }

    /** True the first time a signature is presented; atomically records it. */
    boolean firstUse(String signatureHex) {
        return seen.asMap().putIfAbsent(signatureHex, Boolean.TRUE) == null;
    }
}
