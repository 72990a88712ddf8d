package io.gatehouse.common;

/** The change collides with existing state: a duplicate name, or an object still in use. */
public class ConflictException extends RuntimeException {
    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The input field that caused the conflict, or {@code null} when none applies. */
    public String field() {
        return field;
    }
}
