package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.FaultSpec;

/**
 * The fault, if any, injected into one attempt. One roll in [0, 100) picks a slice: errors first, then resets,
 * then delays; the rest of the range is a normal attempt.
 *
 * @param source where the fault is configured, named in explanations ("route faults", "mock provider faults")
 */
record InjectedFault(Kind kind, int errorStatus, int delayMs, String source) {
    enum Kind { NONE, ERROR, RESET, DELAY }

    static final InjectedFault NONE = new InjectedFault(Kind.NONE, 0, 0, null);
    static final String ROUTE = "route faults";
    static final String MOCK = "mock provider faults";

    static InjectedFault roll(FaultSpec faults, double percentRoll, String source) {
        if (faults == null || !faults.active()) {
            return NONE;
        }
        double point = percentRoll;
        if (point < faults.errorPercent()) {
            return new InjectedFault(Kind.ERROR, faults.errorStatus(), 0, source);
        }
        point -= faults.errorPercent();
        if (point < faults.resetPercent()) {
            return new InjectedFault(Kind.RESET, 0, 0, source);
        }
        point -= faults.resetPercent();
        if (point < faults.delayPercent()) {
            return new InjectedFault(Kind.DELAY, 0, faults.delayMs(), source);
        }
        return NONE;
    }

    boolean none() {
        return kind == Kind.NONE;
    }

    /**
     * Whether the fault counts against the target's health (outlier ejection, circuit breaker). A mock provider's
     * faults do, since the mock stands in for the upstream; a route's faults do not, so a chaos test on one route
     * never ejects a real target that other routes share.
     */
    boolean feedsHealth() {
        return !ROUTE.equals(source);
    }
}
