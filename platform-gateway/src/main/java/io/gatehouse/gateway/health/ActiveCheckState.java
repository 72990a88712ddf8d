package io.gatehouse.gateway.health;

import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * The active health check verdict for one target: {@code unhealthyThreshold} failed probes in a row take it DOWN,
 * {@code healthyThreshold} passed probes in a row bring it back UP. A target starts UNCHECKED, which counts as up;
 * its first probe makes it UP (a lone failure below the threshold does not take it out). Thresholds may change between probes (the provider was edited); the streaks are kept.
 */
final class ActiveCheckState {
    static final String UP = "UP";
    static final String DOWN = "DOWN";
    static final String UNCHECKED = "UNCHECKED";

    private final LongSupplier clockMs;
    private String status = UNCHECKED;
    private int passesInARow;
    private int failuresInARow;
    private long lastCheckAtMs;
    private String lastCheckDetail;

    ActiveCheckState(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Records one probe result and returns the status after it. */
    synchronized String record(boolean passed, String detail, int healthyThreshold, int unhealthyThreshold) {
        lastCheckAtMs = clockMs.getAsLong();
        lastCheckDetail = detail;
        if (status.equals(UNCHECKED)) {
            status = UP;
        }
        if (passed) {
            failuresInARow = 0;
            passesInARow++;
            if (passesInARow >= healthyThreshold) {
                status = UP;
            }
        } else {
            passesInARow = 0;
            failuresInARow++;
            if (failuresInARow >= unhealthyThreshold) {
                status = DOWN;
            }
        }
        return status;
    }

    synchronized boolean isDown() {
        return status.equals(DOWN);
    }

    synchronized String status() {
        return status;
    }

    /** {@code state} with this check's status, time and detail added. */
    synchronized TargetState addTo(TargetState state) {
        return state.withActiveCheck(status, status.equals(UNCHECKED) ? null : Instant.ofEpochMilli(lastCheckAtMs),
                lastCheckDetail);
    }
}
