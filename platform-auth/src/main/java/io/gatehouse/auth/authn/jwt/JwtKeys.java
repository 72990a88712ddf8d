package io.gatehouse.auth.authn.jwt;

import com.nimbusds.jose.crypto.utils.ECChecks;
import com.nimbusds.jose.jwk.Curve;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/** The JWT algorithms a credential can pin, and validation of the public keys tenants upload for RS256/ES256. */
public final class JwtKeys {
    public static final Set<String> HMAC_ALGORITHMS = Set.of("HS256", "HS384", "HS512");
    public static final Set<String> PUBLIC_KEY_ALGORITHMS = Set.of("RS256", "ES256");

    static final int MIN_RSA_BITS = 2048;
    static final int MAX_RSA_BITS = 8192;
    private static final int MAX_PEM_CHARS = 16 * 1024;
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private JwtKeys() {
    }

    /**
     * Parses a {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo) PEM and checks it suits
     * {@code algorithm}: RS256 needs RSA of 2048 to 8192 bits, ES256 an EC key on P-256.
     *
     * @return an {@link RSAPublicKey} or {@link ECPublicKey}
     * @throws IllegalArgumentException with a user-facing message (never echoing the PEM) when it does not fit
     */
    public static PublicKey parsePublicKeyPem(String pem, String algorithm) {
        if (algorithm == null || !PUBLIC_KEY_ALGORITHMS.contains(algorithm)) {
            if (algorithm != null && HMAC_ALGORITHMS.contains(algorithm)) {
                throw new IllegalArgumentException(algorithm + " credentials use a generated secret, not a public"
                        + " key - use RS256 or ES256 with publicKeyPem");
            }
            throw new IllegalArgumentException("algorithm " + (algorithm == null ? "(missing)"
                    : "\"" + Messages.sanitize(algorithm) + "\"") + " does not take a public key - use RS256 or ES256");
        }
        byte[] der = decodePem(pem, algorithm);
        return "RS256".equals(algorithm) ? rsa(der) : ec(der);
    }

    private static byte[] decodePem(String pem, String algorithm) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("publicKeyPem is required for " + algorithm
                    + " - paste the public key PEM (-----BEGIN PUBLIC KEY-----)");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new IllegalArgumentException("publicKeyPem is too long (" + pem.length() + " characters, limit "
                    + MAX_PEM_CHARS + ") - paste a single public key");
        }
        int begin = pem.indexOf(BEGIN);
        if (begin < 0) {
            throw new IllegalArgumentException(hintForOtherPem(pem));
        }
        int end = pem.indexOf(END, begin);
        if (end < 0) {
            throw new IllegalArgumentException("publicKeyPem has no \"" + END + "\" line - paste the whole PEM");
        }
        if (pem.indexOf("-----BEGIN", end) >= 0) {
            throw new IllegalArgumentException("publicKeyPem contains more than one PEM block - paste only the"
                    + " public key");
        }
        String body = pem.substring(begin + BEGIN.length(), end);
        StringBuilder b64 = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (!Character.isWhitespace(c)) {
                b64.append(c);
            }
        }
        if (b64.length() == 0) {
            throw new IllegalArgumentException("publicKeyPem is empty between its BEGIN and END lines");
        }
        try {
            return Base64.getDecoder().decode(b64.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("publicKeyPem is not valid base64 between its BEGIN and END lines");
        }
    }

    private static String hintForOtherPem(String pem) {
        if (pem.contains("PRIVATE KEY-----")) {
            return "publicKeyPem is a private key - never upload it; paste the public key instead"
                    + " (openssl pkey -in key.pem -pubout)";
        }
        if (pem.contains("-----BEGIN RSA PUBLIC KEY-----")) {
            return "publicKeyPem is a PKCS#1 \"RSA PUBLIC KEY\" - convert it to \"PUBLIC KEY\""
                    + " (openssl rsa -RSAPublicKey_in -in key.pem -pubout)";
        }
        if (pem.contains("-----BEGIN CERTIFICATE-----")) {
            return "publicKeyPem is a certificate - paste its public key instead"
                    + " (openssl x509 -in cert.pem -pubkey -noout)";
        }
        return "publicKeyPem is not a PEM public key - it must start with \"" + BEGIN + "\"";
    }

    private static RSAPublicKey rsa(byte[] der) {
        PublicKey key = decode(der, "RSA");
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException(wrongType(der, "RS256", "an RSA key"));
        }
        return checkRsa(rsa);
    }

    private static RSAPublicKey checkRsa(RSAPublicKey rsa) {
        int bits = rsa.getModulus().bitLength();
        if (bits < MIN_RSA_BITS) {
            throw new IllegalArgumentException("the RSA key is " + bits + " bits; RS256 requires at least "
                    + MIN_RSA_BITS + " - generate a new key (openssl genpkey -algorithm RSA"
                    + " -pkeyopt rsa_keygen_bits:2048)");
        }
        if (bits > MAX_RSA_BITS) {
            throw new IllegalArgumentException("the RSA key is " + bits + " bits; at most " + MAX_RSA_BITS
                    + " are accepted");
        }
        BigInteger e = rsa.getPublicExponent();
        if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0)) {
            throw new IllegalArgumentException("the RSA key has an invalid public exponent - generate a new key");
        }
        return rsa;
    }

    private static ECPublicKey ec(byte[] der) {
        PublicKey key = decode(der, "EC");
        if (!(key instanceof ECPublicKey ec)) {
            throw new IllegalArgumentException(wrongType(der, "ES256", "an EC key on curve P-256"));
        }
        return checkEc(ec);
    }

    private static ECPublicKey checkEc(ECPublicKey ec) {
        ECParameterSpec params = ec.getParams();
        Curve curve = params == null ? null : Curve.forECParameterSpec(params);
        if (!Curve.P_256.equals(curve)) {
            String name = curve == null ? "an unsupported curve" : curve.getName();
            throw new IllegalArgumentException("the EC key is on " + name + "; ES256 requires P-256 (prime256v1)"
                    + " - generate one with: openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256");
        }
        if (!ECChecks.isPointOnCurve(ec, Curve.P_256.toECParameterSpec())) {
            throw new IllegalArgumentException("the EC public key point is not on curve P-256 - the key is"
                    + " corrupt");
        }
        return ec;
    }

    /**
     * Checks a key obtained some other way (e.g. from an issuer's JWKS) the way {@link #parsePublicKeyPem} checks an
     * uploaded one: RSA of 2048 to 8192 bits with a sane exponent, or EC on P-256 with its point on the curve.
     *
     * @return the algorithm the key can verify, {@code RS256} or {@code ES256}
     * @throws IllegalArgumentException with the reason when it is neither
     */
    public static String checkVerificationKey(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            checkRsa(rsa);
            return "RS256";
        }
        if (key instanceof ECPublicKey ec) {
            checkEc(ec);
            return "ES256";
        }
        throw new IllegalArgumentException("a " + (key == null ? "missing" : key.getAlgorithm())
                + " key cannot verify RS256 or ES256");
    }

    /** Whether {@code key} is of the family {@code algorithm} verifies with (RSA for RS256, EC for ES256). */
    public static boolean fits(String algorithm, PublicKey key) {
        return "RS256".equals(algorithm) ? key instanceof RSAPublicKey
                : "ES256".equals(algorithm) && key instanceof ECPublicKey;
    }

    /** Null when the DER is not a key of that family. */
    private static PublicKey decode(byte[] der, String family) {
        try {
            return KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
        } catch (InvalidKeySpecException | RuntimeException e) {
            return null;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(family + " key support unavailable", e);
        }
    }

    private static String wrongType(byte[] der, String algorithm, String needed) {
        String actual = null;
        for (String family : new String[] {"RSA", "EC", "Ed25519", "Ed448", "DSA", "X25519", "X448"}) {
            try {
                if (decode(der, family) != null) {
                    actual = family;
                    break;
                }
            } catch (IllegalStateException ignored) {
                // that family is not available in this JVM; try the next
            }
        }
        if (actual == null) {
            return "publicKeyPem does not contain a valid X.509 public key - export it with"
                    + " openssl pkey -in key.pem -pubout";
        }
        String hint = "RSA".equals(actual) && !"RS256".equals(algorithm) ? " (use RS256 for RSA keys)"
                : "EC".equals(actual) && !"ES256".equals(algorithm) ? " (use ES256 for EC P-256 keys)" : "";
        return "publicKeyPem holds a key of type " + actual + "; " + algorithm + " requires " + needed + hint;
    }
}
