package io.gatehouse.auth.credential;

/** Published after a credential is issued, rotated or revoked; the directory rebuilds after commit. */
record CredentialsChanged(String credentialId) {
}
