package io.gatehouse.auth.authn.jwt;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.CredentialState;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a JWT bearer token against the tenant key it names (CONTRACT §3 "JWT rules").
 *
 * <p>Steps, each refusing with an actionable reason: strict compact-JWS structure (3 canonical base64url parts,
 * at most 16 KiB) - header (no {@code none}, no JWE, no {@code crit}) - claims - credential by header {@code kid},
 * claim {@code access_key} or claim {@code iss} (the first that names a known key) - credential state - pinned
 * algorithm - signature - {@code exp}/{@code nbf} with 60 s leeway. Keys embedded in the token ({@code jwk},
 * {@code jku}, {@code x5c}, ...) are never used. Thread-safe and allocation-light; holds no state besides
 * per-thread {@link javax.crypto.Mac} instances.
 *
 * <p>A credential with a {@code jwksUrl} verifies with a key from the issuer's JWKS: the token's {@code kid} header
 * picks it from the {@link JwksKeys} cache (memory only). Since that {@code kid} is the issuer's key id, such tokens
 * name their credential by the {@code access_key} or {@code iss} claim (the lookup above tries them after the
 * {@code kid}). An unknown {@code kid} refuses the request and asks for a background refresh of the set.
 */
public final class JwtVerifier {
    static final Duration LEEWAY = Duration.ofSeconds(60);
    /** Longer ids are never looked up (no access key is this long); they are reported as unknown. */
    private static final int MAX_KEY_ID_CHARS = 256;
    /** Reason for a failure no check anticipated; tests assert fuzzing never reaches it. */
    static final String UNEXPECTED = "token could not be parsed as a signed JWT - send a compact JWS as issued";
    private static final long MAX_EPOCH_SECONDS = 1_000_000_000_000_000L;

    /** Null when no JWKS support is present (platform-auth alone): JWKS credentials are then refused. */
    private final JwksKeys jwks;

    /** A verifier without JWKS support: credentials with a {@code jwksUrl} are refused. */
    public JwtVerifier() {
        this(null);
    }

    /** @param jwks the JWKS key cache, or null when there is none (credentials with a {@code jwksUrl} are refused) */
    public JwtVerifier(JwksKeys jwks) {
        this.jwks = jwks;
    }

    /**
     * Verifies {@code bearerToken} (the token alone, without the "Bearer " prefix).
     *
     * @param requireExp true when the route only accepts tokens carrying an {@code exp} claim
     * @return {@link AuthResult.Verified} with the credential, or {@link AuthResult.Refused} with a reason that
     *         never contains the token or a secret; never throws for any token
     */
    public AuthResult verify(String bearerToken, CredentialLookup lookup, Instant now, boolean requireExp) {
        Objects.requireNonNull(lookup, "lookup");
        Objects.requireNonNull(now, "now");
        try {
            return new AuthResult.Verified(verifyOrRefuse(bearerToken, lookup, now, requireExp));
        } catch (Refusal r) {
            return AuthResult.refused(r.getMessage());
        } catch (LookupFailed e) {
            throw e.cause; // the credential store's failure is not the token's fault: let the caller see it
        } catch (RuntimeException e) {
            // Defensive: a parser corner we did not anticipate must still be a 401, not a 500.
            return AuthResult.refused(UNEXPECTED);
        }
    }

    private ActiveCredential verifyOrRefuse(String token, CredentialLookup lookup, Instant now, boolean requireExp)
            throws Refusal {
        CompactJws.Parts parts = CompactJws.split(token);
        JWSHeader header = parseHeader(parts.header());
        Map<String, Object> claims = parseClaims(parts.payload());
        ActiveCredential credential = findCredential(header, claims, lookup);

        String problem = CredentialState.problem(credential, CredentialType.JWT, now);
        if (problem != null) {
            throw new Refusal(problem);
        }
        String alg = header.getAlgorithm().getName();
        checkAlgorithm(alg, credential);
        checkSignature(alg, header, parts, credential, now);
        checkTimes(claims, now, requireExp);
        return credential;
    }

    private static JWSHeader parseHeader(String segment) throws Refusal {
        Header header;
        try {
            header = Header.parse(new Base64URL(segment));
        } catch (ParseException | RuntimeException e) {
            throw new Refusal("token header is not a valid JWS header (base64url JSON object with an \"alg\")"
                    + " - send the compact JWT as issued");
        }
        String alg = header.getAlgorithm() == null ? null : header.getAlgorithm().getName();
        if (alg == null || alg.isEmpty()) {
            throw new Refusal("token header has no \"alg\" - sign the token");
        }
        if ("none".equalsIgnoreCase(alg)) {
            throw new Refusal("unsigned tokens (alg \"none\") are never accepted - sign the token with the"
                    + " credential's key");
        }
        if (header instanceof JWEHeader) {
            throw new Refusal("encrypted JWTs (JWE) are not accepted - send a signed JWT (JWS)");
        }
        if (!(header instanceof JWSHeader jws)) {
            throw new Refusal("token header is not a JWS header - send a signed JWT");
        }
        if (jws.getCriticalParams() != null && !jws.getCriticalParams().isEmpty()) {
            throw new Refusal("token header lists critical extensions (\"crit\") this gateway does not support"
                    + " - issue the token without \"crit\"");
        }
        if (!jws.isBase64URLEncodePayload()) {
            throw new Refusal("unencoded-payload tokens (\"b64\": false) are not accepted");
        }
        return jws;
    }

    private static Map<String, Object> parseClaims(String segment) throws Refusal {
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(new Base64URL(segment).decodeToString());
        } catch (ParseException | RuntimeException e) {
            claims = null;
        }
        if (claims == null) {
            throw new Refusal("token payload is not a JSON object of claims - encode the claims as a JSON object");
        }
        for (String name : new String[] {"exp", "nbf", "iat"}) {
            Object value = claims.get(name);
            if (value != null && !(value instanceof Number n && !Double.isNaN(n.doubleValue()))) {
                throw new Refusal("claim \"" + name + "\" must be a number (seconds since the epoch)");
            }
        }
        return claims;
    }

    private static ActiveCredential findCredential(JWSHeader header, Map<String, Object> claims,
                                                   CredentialLookup lookup) throws Refusal {
        String kid = header.getKeyID();
        Object accessKey = claims.get("access_key");
        Object iss = claims.get("iss");
        if (accessKey != null && !(accessKey instanceof String)) {
            throw new Refusal("claim \"access_key\" must be a string - put the credential's access key in it");
        }
        String firstNamed = null;
        String firstSource = null;
        String[] ids = {kid, (String) accessKey, iss instanceof String s ? s : null};
        String[] sources = {"kid header", "access_key claim", "iss claim"};
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            if (id == null || id.isEmpty()) {
                continue;
            }
            if (firstNamed == null) {
                firstNamed = id;
                firstSource = sources[i];
            }
            if (id.length() <= MAX_KEY_ID_CHARS) {
                Optional<ActiveCredential> found;
                try {
                    found = lookup.byAccessKey(id);
                } catch (RuntimeException e) {
                    throw new LookupFailed(e);
                }
                if (found != null && found.isPresent()) {
                    return found.get();
                }
            }
        }
        if (firstNamed == null) {
            throw new Refusal("token does not name its credential - put the access key in the \"kid\" header or"
                    + " the \"access_key\" claim");
        }
        throw new Refusal("unknown key id \"" + Messages.sanitize(firstNamed) + "\" (from the " + firstSource
                + ") - use the access key shown when the credential was created");
    }

    private static void checkAlgorithm(String alg, ActiveCredential credential) throws Refusal {
        String required = credential.algorithm();
        if (required == null || required.isEmpty()) {
            throw new Refusal("credential " + credential.id() + " has no JWT algorithm configured - ask the tenant"
                    + " admin to recreate it");
        }
        if (JwtKeys.HMAC_ALGORITHMS.contains(alg) && (credential.publicKey() != null || credential.jwksUrl() != null)) {
            throw new Refusal("token is signed with " + alg + " (HMAC) but credential " + credential.id()
                    + " verifies with a public key" + (required.equals(alg) ? "" : " (" + required + ")")
                    + " - sign with the matching private key");
        }
        if (!alg.equals(required)) {
            throw new Refusal("token is signed with " + Messages.sanitize(alg) + " but this key requires "
                    + required + " - sign the token with " + required);
        }
    }

    private void checkSignature(String alg, JWSHeader header, CompactJws.Parts parts,
                                       ActiveCredential credential, Instant now) throws Refusal {
        byte[] signingInput = parts.signingInput().getBytes(StandardCharsets.US_ASCII);
        boolean valid;
        if (JwtKeys.HMAC_ALGORITHMS.contains(alg)) {
            valid = hmacMatches(alg, signingInput, new Base64URL(parts.signature()).decode(), credential, now);
        } else {
            valid = publicKeyMatches(alg, header, signingInput, new Base64URL(parts.signature()), credential);
        }
        if (!valid) {
            throw new Refusal("signature does not match - sign the token with credential " + credential.id()
                    + "'s " + (JwtKeys.HMAC_ALGORITHMS.contains(alg) ? "current secret" : "private key")
                    + " using " + alg);
        }
    }

    private static boolean hmacMatches(String alg, byte[] signingInput, byte[] signature,
                                       ActiveCredential credential, Instant now) throws Refusal {
        boolean anyUsable = false;
        boolean match = false;
        if (credential.secrets() != null) {
            for (SecretVersion version : credential.secrets()) {
                if (version == null || !version.usableAt(now) || version.material() == null
                        || version.material().length == 0) {
                    continue;
                }
                anyUsable = true;
                // No early exit: the time taken does not reveal which secret version matched.
                match |= MessageDigest.isEqual(Hmac.compute(alg, version.material(), signingInput), signature);
            }
        }
        if (!anyUsable) {
            throw new Refusal("credential " + credential.id() + " has no usable secret - ask the tenant admin to"
                    + " rotate the key");
        }
        return match;
    }

    private boolean publicKeyMatches(String alg, JWSHeader header, byte[] signingInput, Base64URL signature,
                                     ActiveCredential credential) throws Refusal {
        PublicKey key = credential.jwksUrl() != null && JwtKeys.PUBLIC_KEY_ALGORITHMS.contains(alg)
                ? jwksKey(alg, header, credential) : credential.publicKey();
        JWSVerifier verifier;
        try {
            if ("RS256".equals(alg) && key instanceof RSAPublicKey rsa) {
                verifier = new RSASSAVerifier(rsa);
            } else if ("ES256".equals(alg) && key instanceof ECPublicKey ec) {
                verifier = new ECDSAVerifier(ec);
            } else if (JwtKeys.PUBLIC_KEY_ALGORITHMS.contains(alg)) {
                throw new Refusal("credential " + credential.id() + " has no usable " + alg + " public key - ask"
                        + " the tenant admin to set its public key");
            } else {
                throw new Refusal("algorithm " + Messages.sanitize(alg) + " is not supported - use one of HS256,"
                        + " HS384, HS512, RS256, ES256");
            }
        } catch (JOSEException e) {
            throw new Refusal("credential " + credential.id() + "'s public key cannot verify " + alg
                    + " - ask the tenant admin to replace it");
        }
        try {
            return verifier.verify(header, signingInput, signature);
        } catch (JOSEException e) {
            return false;
        }
    }

    /** The key the token's {@code kid} names in the credential's JWKS, fitting {@code alg} (the pinned one). */
    private PublicKey jwksKey(String alg, JWSHeader header, ActiveCredential credential) throws Refusal {
        if (jwks == null) {
            throw new Refusal("credential " + credential.id() + " takes its keys from a JWKS URL, which this"
                    + " gateway cannot fetch - ask the tenant admin to register the public key (publicKeyPem)");
        }
        String url = credential.jwksUrl();
        String kid = header.getKeyID();
        Optional<JwksKey> found;
        try {
            found = kid == null || kid.length() <= MAX_KEY_ID_CHARS ? jwks.cachedKey(url, kid) : Optional.empty();
        } catch (RuntimeException e) {
            found = Optional.empty();
        }
        if (found == null || found.isEmpty()) {
            if (kid != null && kid.equals(credential.accessKey())) {
                throw new Refusal("the \"kid\" header names the credential, but credential " + credential.id()
                        + " verifies with the issuer's JWKS: \"kid\" must be the id of the issuer's signing key;"
                        + " put the access key in the \"access_key\" or \"iss\" claim");
            }
            jwks.requestRefresh(url);
            if (kid == null || kid.isEmpty()) {
                throw new Refusal("token has no \"kid\" header and the issuer's JWKS does not hold exactly one key"
                        + " - put the signing key's id in \"kid\" (keys are refreshed in the background, retry"
                        + " shortly if the set was just published)");
            }
            throw new Refusal("unknown key id '" + Messages.sanitize(kid) + "' in the issuer's JWKS - keys are"
                    + " refreshed in the background, retry shortly");
        }
        JwksKey jwk = found.get();
        String named = kid == null ? "the issuer's only JWKS key" : "key '" + Messages.sanitize(kid) + "' in the"
                + " issuer's JWKS";
        if (jwk.alg() != null && !jwk.alg().equals(alg)) {
            throw new Refusal(named + " is for " + Messages.sanitize(jwk.alg()) + ", but credential "
                    + credential.id() + " requires " + alg + " - sign with a key published for " + alg);
        }
        if (!JwtKeys.fits(alg, jwk.key())) {
            throw new Refusal(named + " is an " + jwk.key().getAlgorithm() + " key, but credential "
                    + credential.id() + " requires " + alg + " (" + ("RS256".equals(alg) ? "an RSA key"
                    : "an EC P-256 key") + ") - sign with a matching key");
        }
        return jwk.key();
    }

    private static void checkTimes(Map<String, Object> claims, Instant now, boolean requireExp) throws Refusal {
        Instant exp = epochSeconds(claims.get("exp"));
        Instant nbf = epochSeconds(claims.get("nbf"));
        if (exp != null) {
            if (!exp.isAfter(now.minus(LEEWAY))) {
                throw new Refusal("token expired " + Messages.humanDuration(Duration.between(exp, now))
                        + " ago (exp " + exp + ", leeway " + LEEWAY.getSeconds() + " s) - issue a new token");
            }
        } else if (requireExp) {
            throw new Refusal("token has no exp claim; this route requires expiring tokens - add an \"exp\""
                    + " claim when issuing it");
        }
        if (nbf != null && nbf.isAfter(now.plus(LEEWAY))) {
            throw new Refusal("token is not valid yet: nbf " + nbf + " is "
                    + Messages.humanDuration(Duration.between(now, nbf)) + " in the future (leeway "
                    + LEEWAY.getSeconds() + " s) - check the issuer's clock or wait");
        }
    }

    /** NumericDate (seconds, fractions dropped) clamped to +-10^15 s so absurd values cannot overflow. */
    private static Instant epochSeconds(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        long seconds = number instanceof Long || number instanceof Integer ? number.longValue()
                : (long) Math.floor(number.doubleValue());
        return Instant.ofEpochSecond(Math.max(-MAX_EPOCH_SECONDS, Math.min(MAX_EPOCH_SECONDS, seconds)));
    }

    /** Carries an exception thrown by the {@link CredentialLookup} past the defensive catch-all. */
    private static final class LookupFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final RuntimeException cause;

        LookupFailed(RuntimeException cause) {
            super(null, null, false, false);
            this.cause = cause;
        }
    }
}
