package io.gatehouse.gateway.health;

import java.time.Instant;

/** A target's live state for display: healthy, or ejected until a time, with its failure streak. */
public record TargetState(String target, boolean ejected, Instant ejectedUntil, int consecutiveFailures,
                          int timesEjected) {
}
