package io.gatehouse.auth.authn.jwt;

/** Internal short-cut out of verification carrying the user-facing reason; no stack trace (it is not an error). */
final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
        super(reason, null, false, false);
    }
}
