/**
 * Tenant keys: issuing (secrets from SecureRandom, shown once), storing (hashed or encrypted), rotating with a grace
 * period, revoking, and the in-memory {@link io.gatehouse.auth.credential.CredentialDirectory} the gateway verifies
 * against without touching the database.
 */
package io.gatehouse.auth.credential;
