package io.gatehouse.common;

/**
 * The caller may see the object but not do this to it (a viewer editing, a tenant admin creating a tenant). Used only
 * where the object's existence is no secret to the caller; otherwise {@link NotFoundException}.
 */
public class ForbiddenException extends RuntimeException {
    public ForbiddenException(String message) {
        super(message);
    }
}
