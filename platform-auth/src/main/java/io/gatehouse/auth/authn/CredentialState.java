package io.gatehouse.auth.authn;

import java.time.Instant;

/** Checks every scheme applies once the credential is found: right type, not revoked, not expired. */
public final class CredentialState {
    private CredentialState() {
    }

    /** Null when usable; otherwise the refusal reason. */
    public static String problem(ActiveCredential credential, CredentialType presentedAs, Instant now) {
        if (credential.type() != presentedAs) {
            return "unknown credential for " + presentedAs + " - check the key id";
        }
        if (credential.revoked()) {
            return "credential " + credential.id() + " was revoked - ask the tenant admin for a new key";
        }
        if (credential.expiredAt(now)) {
            return "credential " + credential.id() + " expired at " + credential.expiresAt()
                    + " - ask the tenant admin to issue or rotate a key";
        }
        return null;
    }
}
