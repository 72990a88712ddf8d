package io.gatehouse.gateway.route;

import io.gatehouse.common.FieldProblem;
import java.util.ArrayList;
import java.util.List;

/** Validates injected faults (route {@code faults} and mock {@code mock.faults}). */
final class FaultRules {
    private FaultRules() {
    }

    static List<FieldProblem> check(FaultSpec faults, String field) {
        List<FieldProblem> problems = new ArrayList<>();
        percent(faults.errorPercent(), field + ".errorPercent", problems);
        percent(faults.resetPercent(), field + ".resetPercent", problems);
        percent(faults.delayPercent(), field + ".delayPercent", problems);
        if (problems.isEmpty() && faults.errorPercent() + faults.resetPercent() + faults.delayPercent() > 100) {
            problems.add(new FieldProblem(field, "errorPercent + resetPercent + delayPercent must be at most 100"));
        }
        if (faults.errorStatus() < 400 || faults.errorStatus() > 599) {
            problems.add(new FieldProblem(field + ".errorStatus", "an injected error status is between 400 and 599"));
        }
        if (faults.delayMs() < 1 || faults.delayMs() > ProviderRules.MAX_TIMEOUT_MS) {
            problems.add(new FieldProblem(field + ".delayMs", "must be between 1 and " + ProviderRules.MAX_TIMEOUT_MS
                    + " ms"));
        }
        return problems;
    }

    private static void percent(int value, String field, List<FieldProblem> problems) {
        if (value < 0 || value > 100) {
            problems.add(new FieldProblem(field, "a percentage between 0 and 100"));
        }
    }
}
