package io.gatehouse.auth.authn.sigv4;

/** A request the verifier refuses, with a reason the caller can act on; cheap (no stack trace), never escapes. */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
