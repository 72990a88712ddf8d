package io.gatehouse.auth.authn;

import java.time.Instant;

/** Told about every successful verification (for "last used"); must be cheap and non-blocking. */
@FunctionalInterface
public interface CredentialUseListener {
    void used(String credentialId, Instant at);
}
