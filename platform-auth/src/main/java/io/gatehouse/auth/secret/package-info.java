/**
 * Secrets at rest: the platform master key (from {@code PLATFORM_SECRET_KEY} or a 0600 file in the data directory)
 * and AES-256-GCM encryption of values the server must later recover (upstream API keys, HMAC secrets).
 */
package io.gatehouse.auth.secret;
