package io.gatehouse.auth.authn.jwt;

import java.util.Collection;
import java.util.Optional;

/**
 * The issuer keys of JWT credentials that name a JWKS URL ({@code jwksUrl}) instead of a registered public key.
 *
 * <p>{@link JwtVerifier} calls {@link #cachedKey} on the gateway's event loop, so implementations answer from memory
 * only and never block; fetching happens in the background. The implementation lives in the gateway module (it
 * applies the upstream address policy, the SSRF guard); without one, JWKS credentials are refused with a reason.
 */
public interface JwksKeys {

    /**
     * The cached verification key with this key id in the set last fetched from {@code jwksUrl}; with {@code kid}
     * null, the set's only key when it holds exactly one. Empty when the set has no such key or was never fetched.
     * Memory only, never blocks.
     */
    Optional<JwksKey> cachedKey(String jwksUrl, String kid);

    /**
     * Asks for the set to be fetched again in the background (a token named a key id the cache does not know).
     * Never blocks; implementations rate-limit fetches per URL, so calling it per request is fine.
     */
    void requestRefresh(String jwksUrl);

    /**
     * Empty when the gateway may fetch keys from {@code jwksUrl}; otherwise why not (bad URL, or an address inside
     * the platform's network). Called when a credential is issued; may resolve the host name, so never on the
     * request path.
     */
    Optional<String> urlProblem(String jwksUrl);

    /**
     * The JWKS URLs of the credentials currently loaded (called after every credential directory reload): sets not
     * cached yet are fetched in the background, these are refreshed periodically, others may be forgotten.
     */
    default void inUse(Collection<String> jwksUrls) {
    }
}
