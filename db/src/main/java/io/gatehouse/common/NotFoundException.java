package io.gatehouse.common;

/** The named object does not exist - or exists in a tenant the caller may not see, which must look the same. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
