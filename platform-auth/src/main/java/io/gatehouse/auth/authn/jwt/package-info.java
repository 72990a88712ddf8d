/**
 * Verifies tenant-key JWT bearer tokens (HS256/384/512, RS256, ES256) and validates the public keys tenants upload.
 * RS256/ES256 keys may instead come from the issuer's JWKS URL: {@link io.gatehouse.auth.authn.jwt.JwksKeys} is the
 * in-memory cache the verifier reads (implemented by the gateway module, which fetches in the background), and
 * {@link io.gatehouse.auth.authn.jwt.JwkSetParser} decides which JWKs are usable.
 */
package io.gatehouse.auth.authn.jwt;
