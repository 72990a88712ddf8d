package io.gatehouse.auth.authn.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JWKS document into the keys the verifier may use. Kept: RSA keys (2048 to 8192 bits) and EC keys on P-256
 * whose {@code use} is absent or {@code sig} and whose {@code key_ops}, if present, include {@code verify} - their
 * public parts only (private parameters a careless issuer publishes are dropped). Skipped without failing the set:
 * encryption keys, symmetric ({@code oct}) and other key types, other curves, weak or malformed keys, and any key
 * after the first with the same {@code kid} or after the first {@value #MAX_KEYS}.
 */
public final class JwkSetParser {
    public static final int MAX_KEYS = 100;

    private JwkSetParser() {
    }

    /**
     * Parses a JWK set {@code {"keys":[...]}}. Each entry goes through nimbus' {@link JWK#parse(Map)} on its own (as
     * {@link com.nimbusds.jose.jwk.JWKSet#parse(String)} does, but one exotic or broken key does not make the whole
     * set unusable).
     *
     * @throws IllegalArgumentException when the document is not a JSON object with a {@code keys} array
     */
    public static IssuerKeySet parse(byte[] document) {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(new String(document, StandardCharsets.UTF_8));
        } catch (ParseException | RuntimeException e) {
            json = null;
        }
        if (json == null) {
            throw new IllegalArgumentException("the response is not a JSON object - expected a JWK set"
                    + " {\"keys\":[...]}");
        }
        if (!(json.get("keys") instanceof List<?> entries)) {
            throw new IllegalArgumentException("the response has no \"keys\" array - expected a JWK set"
                    + " {\"keys\":[...]}");
        }
        Map<String, JwksKey> byKid = new LinkedHashMap<>();
        List<JwksKey> all = new ArrayList<>();
        int ignored = 0;
        for (Object entry : entries) {
            JwksKey key = all.size() < MAX_KEYS ? usable(entry) : null;
            if (key == null || (key.kid() != null && byKid.containsKey(key.kid()))) {
                ignored++;
                continue;
            }
            all.add(key);
            if (key.kid() != null) {
                byKid.put(key.kid(), key);
            }
        }
        return new IssuerKeySet(byKid, all, ignored);
    }

    /** The verification key of one JWK entry, or null when it is not one the verifier may use. */
    private static JwksKey usable(Object entry) {
        if (!(entry instanceof Map<?, ?> map)) {
            return null;
        }
        JWK jwk;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            jwk = JWK.parse(object);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return null;
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            return null;
        }
        PublicKey key;
        try {
            if (jwk instanceof RSAKey rsa) {
                key = rsa.toPublicJWK().toRSAPublicKey();
            } else if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                key = ec.toPublicJWK().toECPublicKey();
            } else {
                return null;
            }
            JwtKeys.checkVerificationKey(key);
        } catch (JOSEException | RuntimeException e) {
            return null;
        }
        String alg = jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName();
        return new JwksKey(jwk.getKeyID(), key, alg);
    }
}
