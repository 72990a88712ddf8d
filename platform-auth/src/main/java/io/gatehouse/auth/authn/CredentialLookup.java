package io.gatehouse.auth.authn;

import java.util.Optional;

/** Finds a credential by its public key id (Basic username, access key, JWT key id); in memory, never blocking. */
@FunctionalInterface
public interface CredentialLookup {
    Optional<ActiveCredential> byAccessKey(String accessKey);
}
