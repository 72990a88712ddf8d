package io.gatehouse.common;

import java.util.List;

/** The caller sent input that fails validation; carries one entry per bad field. */
public class InvalidInputException extends RuntimeException {
    private final transient List<FieldProblem> problems;

    public InvalidInputException(List<FieldProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    private static String summary(List<FieldProblem> problems) {
        if (problems.isEmpty()) {
            return "invalid input";
        }
        FieldProblem first = problems.get(0);
        return first.field() + ": " + first.message() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
    }
}
