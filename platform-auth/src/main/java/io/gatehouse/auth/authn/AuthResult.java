package io.gatehouse.auth.authn;

/** The outcome of verifying a presented credential. */
public sealed interface AuthResult {

    /** The credential is genuine and usable now (tenant and route scope are checked by the caller). */
    record Verified(ActiveCredential credential) implements AuthResult {
    }

    /** Refused, with a reason the caller can act on - never containing a secret. */
    record Refused(String reason) implements AuthResult {
    }

    static AuthResult refused(String reason) {
        return new Refused(reason);
    }
}
