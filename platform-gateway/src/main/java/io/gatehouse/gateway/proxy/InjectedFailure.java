package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.retry.FailureKind;

/** A transport failure the gateway made up on purpose (fault injection); retried and explained like a real one. */
final class InjectedFailure extends RuntimeException {
    private final FailureKind kind;
    private final GatewayError explained;
    private final boolean feedsHealth;

    InjectedFailure(FailureKind kind, GatewayError explained, boolean feedsHealth) {
        super(explained.message(), null, false, false);
        this.kind = kind;
        this.explained = explained;
        this.feedsHealth = feedsHealth;
    }

    /** See {@link InjectedFault#feedsHealth()}. */
    boolean feedsHealth() {
        return feedsHealth;
    }

    FailureKind kind() {
        return kind;
    }

    GatewayError explained() {
        return explained;
    }
}
