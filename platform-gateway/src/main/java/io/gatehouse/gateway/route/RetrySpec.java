package io.gatehouse.gateway.route;

import java.util.List;

/** When and how often a route retries a failed upstream call; {@code maxAttempts} counts the first try. */
public record RetrySpec(Integer maxAttempts, Integer initialBackoffMs, Integer maxBackoffMs, List<String> retryOn,
                        Boolean retryNonIdempotent) {
    public static final RetrySpec DEFAULT = new RetrySpec(null, null, null, null, null);

    public RetrySpec {
        if (maxAttempts == null) {
            maxAttempts = 3;
        }
        if (initialBackoffMs == null) {
            initialBackoffMs = 100;
        }
        if (maxBackoffMs == null) {
            maxBackoffMs = 2_000;
        }
        retryOn = retryOn == null ? List.of("connect-failure", "502", "503", "504") : List.copyOf(retryOn);
        if (retryNonIdempotent == null) {
            retryNonIdempotent = false;
        }
    }
}
