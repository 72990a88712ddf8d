/**
 * Verifying tenant keys on the gateway, transport-neutral: verifiers take a plain {@link
 * io.gatehouse.auth.authn.GatewayRequest} and an in-memory {@link io.gatehouse.auth.authn.CredentialLookup}, never a
 * Netty or servlet type and never the database. Sub-packages hold one verifier per scheme.
 */
package io.gatehouse.auth.authn;
