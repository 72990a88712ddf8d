package io.gatehouse.gateway.health;

import java.time.Instant;

/**
 * A target's live state for display: passively ejected until a time (with its failure streak), and the result of
 * the provider's active health check - {@code activeCheck} is "UP", "DOWN" or "UNCHECKED" (no check configured or
 * not probed yet), with when the last probe ran and what it saw ("200 in 12 ms", "timeout after 2000 ms").
 */
public record TargetState(String target, boolean ejected, Instant ejectedUntil, int consecutiveFailures,
                          int timesEjected, String activeCheck, Instant lastCheckAt, String lastCheckDetail) {

    /** A state without an active check result. */
    public TargetState(String target, boolean ejected, Instant ejectedUntil, int consecutiveFailures, int timesEjected) {
        this(target, ejected, ejectedUntil, consecutiveFailures, timesEjected, ActiveCheckState.UNCHECKED, null, null);
    }

    /** False when the gateway sends no calls to this target: passively ejected or actively checked DOWN. */
    public boolean inRotation() {
        return !ejected && !ActiveCheckState.DOWN.equals(activeCheck);
    }

    TargetState withActiveCheck(String status, Instant at, String detail) {
        return new TargetState(target, ejected, ejectedUntil, consecutiveFailures, timesEjected, status, at, detail);
    }
}
