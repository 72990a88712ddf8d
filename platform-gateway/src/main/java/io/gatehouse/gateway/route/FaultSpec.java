package io.gatehouse.gateway.route;

/**
 * Faults injected into a share of attempts (off by default): answer {@code errorStatus} instead of calling the
 * upstream, fail as a connection reset, or wait {@code delayMs} first. The percentages are independent slices of
 * one roll per attempt, so they add up to at most 100.
 */
public record FaultSpec(Integer errorPercent, Integer errorStatus, Integer resetPercent, Integer delayPercent,
                        Integer delayMs) {
    public static final FaultSpec NONE = new FaultSpec(null, null, null, null, null);

    public FaultSpec {
        if (errorPercent == null) {
            errorPercent = 0;
        }
        if (errorStatus == null) {
            errorStatus = 502;
        }
        if (resetPercent == null) {
            resetPercent = 0;
        }
        if (delayPercent == null) {
            delayPercent = 0;
        }
        if (delayMs == null) {
            delayMs = 1_000;
        }
    }

    public boolean active() {
        return errorPercent > 0 || resetPercent > 0 || delayPercent > 0;
    }
}
