package io.gatehouse.auth.authn.jwt;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC for HS256/384/512 through the JCA, one {@link Mac} per algorithm per thread. Used instead of nimbus'
 * {@code MACVerifier}, which refuses secrets shorter than the hash (e.g. a 32-byte secret for HS512) although
 * PyJWT, jsonwebtoken and jjwt sign with them; the secret strength is decided by the credential service.
 */
final class Hmac {
    private static final String[] ALGS = {"HS256", "HS384", "HS512"};
    private static final String[] JCA = {"HmacSHA256", "HmacSHA384", "HmacSHA512"};
    private static final ThreadLocal<Mac[]> MACS = ThreadLocal.withInitial(() -> new Mac[ALGS.length]);

    private Hmac() {
    }

    static byte[] compute(String alg, byte[] key, byte[] data) {
        int i = index(alg);
        Mac[] macs = MACS.get();
        try {
            Mac mac = macs[i];
            if (mac == null) {
                mac = Mac.getInstance(JCA[i]);
                macs[i] = mac;
            }
            mac.init(new SecretKeySpec(key, JCA[i]));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(JCA[i] + " unavailable", e);
        }
    }

    private static int index(String alg) {
        for (int i = 0; i < ALGS.length; i++) {
            if (ALGS[i].equals(alg)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not an HMAC algorithm: " + alg);
    }
}
