package io.gatehouse.ui.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Counts failed sign-ins per user name and per client IP, in memory and bounded. Once a key reaches its limit within
 * the failure window, attempts are refused without a password check until a cool-down passes; each further failure
 * doubles the cool-down up to a cap. A success clears the user's count (not the IP's). Unknown user names are counted
 * the same way as known ones, so the answers do not tell them apart.
 */
final class SignInThrottle {

    record Settings(int maxFailuresPerUser, int maxFailuresPerIp, Duration window, Duration lockout,
                    Duration maxLockout) { }

    private record Failures(int count, Instant last, Instant lockedUntil) { }

    private final Settings settings;
    private final Clock clock;
    private final Cache<String, Failures> failures;

    SignInThrottle(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.failures = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(settings.window().plus(settings.maxLockout()))
                .build();
    }

    /** How long the user or the IP must still wait; zero when an attempt may be checked. */
    Duration retryAfter(String username, String ip) {
        Instant now = clock.instant();
        Duration user = remaining(userKey(username), now);
        Duration address = ip == null ? Duration.ZERO : remaining(ipKey(ip), now);
        return user.compareTo(address) >= 0 ? user : address;
    }

    void failed(String username, String ip) {
        Instant now = clock.instant();
        count(userKey(username), settings.maxFailuresPerUser(), now);
        if (ip != null) {
            count(ipKey(ip), settings.maxFailuresPerIp(), now);
        }
    }

    void succeeded(String username) {
        failures.invalidate(userKey(username));
    }

    private Duration remaining(String key, Instant now) {
        Failures f = failures.getIfPresent(key);
        if (f == null || f.lockedUntil() == null || !now.isBefore(f.lockedUntil())) {
            return Duration.ZERO;
        }
        return Duration.between(now, f.lockedUntil());
    }

    private void count(String key, int limit, Instant now) {
        failures.asMap().compute(key, (k, f) -> {
            int count = f == null || f.last().plus(settings.window()).isBefore(now) ? 1 : f.count() + 1;
            Instant lockedUntil = count >= limit ? now.plus(lockout(count - limit)) : null;
            return new Failures(count, now, lockedUntil);
        });
    }

    /** The base lockout doubled once per failure beyond the limit, capped. */
    private Duration lockout(int beyondLimit) {
        Duration d = settings.lockout();
        for (int i = 0; i < beyondLimit && d.compareTo(settings.maxLockout()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(settings.maxLockout()) > 0 ? settings.maxLockout() : d;
    }

    private static String userKey(String username) {
        return "u:" + (username == null ? "" : username.toLowerCase(Locale.ROOT));
    }

    private static String ipKey(String ip) {
        return "ip:" + ip;
    }
}
