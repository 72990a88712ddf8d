package io.gatehouse.gateway.jwks;

import java.io.IOException;

/** A JWKS could not be fetched or is not a usable key set; the message is for the operator's log. */
final class JwksFetchException extends IOException {
    private static final long serialVersionUID = 1L;

    JwksFetchException(String message) {
        super(message);
    }

    JwksFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
