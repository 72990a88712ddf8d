package io.gatehouse.gateway.retry;

import java.util.Set;

/**
 * What the retry decision needs to know about the request.
 *
 * @param idempotencyKey the caller sent an {@code Idempotency-Key} header
 * @param bodyReplayable the request body is held in memory (or there is none), so it can be sent again
 */
public record RetryContext(String method, boolean retryNonIdempotent, boolean idempotencyKey, boolean bodyReplayable) {
    static final Set<String> NON_IDEMPOTENT = Set.of("POST", "PATCH");

    public boolean mayRepeatSentRequest() {
        return !NON_IDEMPOTENT.contains(method) || retryNonIdempotent || idempotencyKey;
    }
}
