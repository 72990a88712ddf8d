package io.gatehouse.auth.authn;

/** What the gateway does with a request to a protected route. */
public sealed interface AuthDecision {

    record Allowed(ActiveCredential credential, CredentialType scheme) implements AuthDecision {
    }

    /** 401 (not authenticated) or 403 (authenticated, not allowed here); the message never holds a secret. */
    record Denied(int status, String message) implements AuthDecision {
    }
}
