package io.gatehouse.gateway.retry;

/**
 * Decides after each failed attempt whether another one is allowed, and says why. Order of checks: is there a next
 * attempt in the plan, may this method be repeated, can the body be replayed, is there time, is there budget.
 */
public final class RetryRules {
    private RetryRules() {
    }

    /** What happened on the attempt that just ended. */
    public record Outcome(String description, boolean requestWasSent) {
        /** The outcomes of the usual statuses, made once. */
        private static final Outcome[] STATUSES = new Outcome[600];

        static {
            for (int status = 100; status < STATUSES.length; status++) {
                STATUSES[status] = new Outcome("upstream answered " + status, true);
            }
        }

        public static Outcome status(int status) {
            return status >= 100 && status < STATUSES.length ? STATUSES[status]
                    : new Outcome("upstream answered " + status, true);
        }

        public static Outcome failure(FailureKind kind) {
            return new Outcome(kind.condition(), kind != FailureKind.CONNECT_FAILURE);
        }
    }

    /**
     * @param next        where the plan goes next ({@code null} when the outcome is not retryable or no attempt is left)
     * @param whyNoNext   the reason when {@code next} is null
     * @param attemptsMade attempts so far, this one included
     */
    public static RetryDecision decide(RetryContext ctx, Outcome outcome, String next, String whyNoNext, int attemptsMade,
                                       long remainingMs, long waitMs, boolean budgetAvailable) {
        String what = outcome.description();
        if (next == null) {
            return RetryDecision.no(what + "; " + whyNoNext);
        }
        if (outcome.requestWasSent() && !ctx.mayRepeatSentRequest()) {
            return RetryDecision.no(what + "; " + ctx.method() + " is not idempotent and was sent - set"
                    + " retryNonIdempotent or send an Idempotency-Key to allow retries");
        }
        if (outcome.requestWasSent() && !ctx.bodyReplayable()) {
            return RetryDecision.no(what + "; the request body was streamed (larger than the replay buffer or of"
                    + " unknown length) and cannot be sent again");
        }
        if (waitMs >= remainingMs) {
            return RetryDecision.no(what + "; no time left before the route deadline for another attempt");
        }
        if (!budgetAvailable) {
            return RetryDecision.no(what + "; retry budget exhausted (retries are capped at 20% of this provider's"
                    + " recent requests)");
        }
        return RetryDecision.yes(what + "; trying " + next + " in " + waitMs + " ms (attempt " + (attemptsMade + 1) + ")");
    }
}
