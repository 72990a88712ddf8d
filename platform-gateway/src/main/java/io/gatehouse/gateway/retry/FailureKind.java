package io.gatehouse.gateway.retry;

/** Transport failures a route may retry on, named as in the route's {@code retryOn} list. */
public enum FailureKind {
    /** Nothing was sent: refused, unreachable, DNS, TLS, connect timeout. Always safe to retry. */
    CONNECT_FAILURE("connect-failure"),
    /** The connection closed or reset before a full response head; the upstream may have acted on the request. */
    RESET("reset"),
    /** No response head within the per-try timeout. */
    TIMEOUT("timeout");

    private final String condition;

    FailureKind(String condition) {
        this.condition = condition;
    }

    public String condition() {
        return condition;
    }
}
