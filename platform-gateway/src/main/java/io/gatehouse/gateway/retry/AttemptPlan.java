package io.gatehouse.gateway.retry;

import java.util.List;

/**
 * The order of attempts for one call: the primary provider up to {@code maxAttempts} times, then each fallback
 * provider once. A failure that the route does not retry on (per {@code retryOn}) skips to the first fallback when
 * it means the primary could not answer at all (connect failure or timeout).
 */
public final class AttemptPlan<P> {
    private final P primary;
    private final int maxAttempts;
    private final List<P> fallbacks;
    private final List<String> retryOn;

    public AttemptPlan(P primary, int maxAttempts, List<P> fallbacks, List<String> retryOn) {
        this.primary = primary;
        this.maxAttempts = Math.max(1, maxAttempts);
        this.fallbacks = List.copyOf(fallbacks);
        this.retryOn = List.copyOf(retryOn);
    }

    public P providerAt(int slot) {
        return slot < maxAttempts ? primary : fallbacks.get(slot - maxAttempts);
    }

    public boolean isFallback(int slot) {
        return slot >= maxAttempts;
    }

    /** Where to go after an attempt: a slot, or none with the reason. */
    public record Next(int slot, String whyNot) {
        public boolean exists() {
            return slot >= 0;
        }
    }

    /** The next slot after a status answer at {@code slot}. */
    public Next afterStatus(int slot, int status) {
        boolean listed = statusListed(status);
        return next(slot, listed, listed);
    }

    /** {@code retryOn.contains(Integer.toString(status))} without making the string on every call. */
    private boolean statusListed(int status) {
        if (status < 100 || status > 999) {
            return false;
        }
        for (String condition : retryOn) {
            if (condition.length() == 3 && condition.charAt(0) == '0' + status / 100
                    && condition.charAt(1) == '0' + status / 10 % 10 && condition.charAt(2) == '0' + status % 10) {
                return true;
            }
        }
        return false;
    }

    /** The next slot after a transport failure at {@code slot}. */
    public Next afterFailure(int slot, FailureKind kind) {
        boolean listed = retryOn.contains(kind.condition());
        boolean primaryUnreachable = kind == FailureKind.CONNECT_FAILURE || kind == FailureKind.TIMEOUT;
        return next(slot, listed, listed || primaryUnreachable);
    }

    /** The next slot when the provider at {@code slot} cannot take calls at all (circuit open, all targets ejected). */
    public Next afterProviderUnavailable(int slot) {
        return next(slot, false, true);
    }

    private Next next(int slot, boolean retryHere, boolean fallbackWorthy) {
        if (!isFallback(slot) && retryHere && slot + 1 < maxAttempts) {
            return new Next(slot + 1, null);
        }
        int firstFallback = Math.max(slot + 1, maxAttempts);
        if (fallbackWorthy && firstFallback < maxAttempts + fallbacks.size()) {
            return new Next(firstFallback, null);
        }
        if (!retryHere && !fallbackWorthy) {
            return new Next(-1, "not in the route's retryOn");
        }
        return new Next(-1, "all planned attempts used (" + maxAttempts + " on the provider"
                + (fallbacks.isEmpty() ? "" : ", 1 on each of " + fallbacks.size() + " fallback providers") + ")");
    }
}
