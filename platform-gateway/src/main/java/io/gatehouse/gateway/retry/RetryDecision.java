package io.gatehouse.gateway.retry;

/** Whether to try again and why, in words that go into the request log. */
public record RetryDecision(boolean retry, String reason) {
    static RetryDecision yes(String reason) {
        return new RetryDecision(true, reason);
    }

    static RetryDecision no(String reason) {
        return new RetryDecision(false, reason);
    }
}
