package io.gatehouse.auth.authn;

/** The schemes a tenant key can use; the names are the values of a route's {@code auth} list. */
public enum CredentialType {
    BASIC, AKSK, JWT
}
