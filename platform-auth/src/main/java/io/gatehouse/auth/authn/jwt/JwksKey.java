package io.gatehouse.auth.authn.jwt;

import java.security.PublicKey;
import java.util.Objects;

/**
 * One signature-verification key from an issuer's JWKS, public part only.
 *
 * @param kid the JWK's {@code kid}; null when the JWK has none
 * @param key an {@link java.security.interfaces.RSAPublicKey} or an {@link java.security.interfaces.ECPublicKey}
 * @param alg the JWK's {@code alg} when it names one (the key may then only verify that algorithm); else null
 */
public record JwksKey(String kid, PublicKey key, String alg) {
    public JwksKey {
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "JwksKey[" + kid + ", " + key.getAlgorithm() + (alg == null ? "" : ", " + alg) + "]";
    }
}
