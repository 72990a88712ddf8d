package io.gatehouse.auth.credential;

import java.security.SecureRandom;
import java.util.Base64;

/** Random identifiers and secrets, all from one {@link SecureRandom}. */
final class KeyMaterial {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] LOWER = "abcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final char[] UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ234567".toCharArray();

    private KeyMaterial() {
    }

    static String credentialId() {
        return "cred_" + random(LOWER, 16);
    }

    static String basicUsername() {
        return "bk_" + random(LOWER, 16);
    }

    static String accessKey() {
        return "AK" + random(UPPER, 18);
    }

    static String jwtKeyId() {
        return "jk_" + random(LOWER, 16);
    }

    /** 256 bits, URL-safe: fine in a Basic password, a curl --user argument and a shell variable. */
    static String password() {
        return secret(32);
    }

    /** 240 bits, 40 characters like an AWS secret key. */
    static String secretKey() {
        return secret(30);
    }

    /** 512 bits, enough for HS512 (RFC 7518 wants a key at least as long as the hash). */
    static String hmacSecret() {
        return secret(64);
    }

    private static String secret(int bytes) {
        byte[] raw = new byte[bytes];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    private static String random(char[] alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet[RANDOM.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
