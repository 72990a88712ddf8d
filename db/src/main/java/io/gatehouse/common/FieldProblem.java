package io.gatehouse.common;

import java.util.Objects;

/** One invalid input field and what is wrong with it, in words a person can act on. */
public record FieldProblem(String field, String message) {
    public FieldProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
