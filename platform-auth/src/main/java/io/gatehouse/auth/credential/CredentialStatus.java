package io.gatehouse.auth.credential;

/** Whether a credential can be used now. */
public enum CredentialStatus {
    ACTIVE, EXPIRED, REVOKED
}
