/**
 * Verifies tenant-key JWT bearer tokens (HS256/384/512, RS256, ES256) and validates the public keys tenants upload.
 */
package io.gatehouse.auth.authn.jwt;
