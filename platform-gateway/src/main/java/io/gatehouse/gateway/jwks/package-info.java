/**
 * Issuer keys for JWT credentials that name a JWKS URL: a background fetcher (SSRF-checked with the upstream address
 * policy, no redirects, 5 s timeouts, 512 KiB cap) filling an in-memory cache that the JWT verifier reads on the
 * event loop. Implements {@link io.gatehouse.auth.authn.jwt.JwksKeys} for the auth module.
 */
package io.gatehouse.gateway.jwks;
