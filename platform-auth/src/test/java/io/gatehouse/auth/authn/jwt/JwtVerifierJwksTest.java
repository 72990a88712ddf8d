package io.gatehouse.auth.authn.jwt;

import static io.gatehouse.auth.authn.jwt.JwtTestSupport.NOW;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.SECRET;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.assertRefused;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.assertVerified;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.hmacToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.jwt.JwtTestSupport.RecordingLookup;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** RS256/ES256 credentials whose keys come from the issuer's JWKS (via the {@link JwksKeys} cache). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtVerifierJwksTest {
    static final String AK = "jk_jwksjwksjwksjwks";
    static final String URL = "https://idp.example.com/.well-known/jwks.json";

    static KeyPair rsa;
    static KeyPair rsa2;
    static KeyPair ec;

    final FakeJwks jwks = new FakeJwks();
    final JwtVerifier verifier = new JwtVerifier(jwks);

    @BeforeAll
    static void keys() {
        rsa = JwtTestSupport.rsaKeyPair(2048);
        rsa2 = JwtTestSupport.rsaKeyPair(2048);
        ec = JwtTestSupport.ecKeyPair("secp256r1");
    }

    /** A {@link JwksKeys} holding sets parsed from JWKS JSON, recording refresh requests. */
    static final class FakeJwks implements JwksKeys {
        final Map<String, IssuerKeySet> sets = new HashMap<>();
        final List<String> refreshes = new ArrayList<>();

        void publish(String url, JWK... keys) {
            String json = "{\"keys\":[" + java.util.Arrays.stream(keys).map(JWK::toJSONString)
                    .collect(Collectors.joining(",")) + "]}";
            sets.put(url, JwkSetParser.parse(json.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Optional<JwksKey> cachedKey(String jwksUrl, String kid) {
            IssuerKeySet set = sets.get(jwksUrl);
            return set == null ? Optional.empty() : set.find(kid);
        }

        @Override
        public void requestRefresh(String jwksUrl) {
            refreshes.add(jwksUrl);
        }

        @Override
        public Optional<String> urlProblem(String jwksUrl) {
            return Optional.empty();
        }

        @Override
        public void inUse(Collection<String> jwksUrls) {
        }
    }

    static ActiveCredential jwksCredential(String algorithm) {
        return new ActiveCredential("cred-idp", "acme", CredentialType.JWT, "idp", AK, null, null, false, List.of(),
                algorithm, null, URL);
    }

    static RSAKey rsaJwk(KeyPair pair, String kid) {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE).build();
    }

    static ECKey ecJwk(KeyPair pair, String kid) {
        return new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .build();
    }

    static JWTClaimsSet claims(String claim, String value) {
        return new JWTClaimsSet.Builder().claim(claim, value).subject("svc")
                .expirationTime(Date.from(NOW.plusSeconds(300))).build();
    }

    static String rs256(String kid, JWTClaimsSet claims, KeyPair pair) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
        SignedJWT jwt = new SignedJWT((kid == null ? header : header.keyID(kid)).build(), claims);
        jwt.sign(new RSASSASigner((RSAPrivateKey) pair.getPrivate()));
        return jwt.serialize();
    }

    static String es256(String kid, JWTClaimsSet claims, KeyPair pair) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) pair.getPrivate()));
        return jwt.serialize();
    }

    AuthResult verify(String token, ActiveCredential credential) {
        RecordingLookup lookup = new RecordingLookup(credential);
        return verifier.verify(token, lookup, NOW, false);
    }

    @Test
    void an_rs256_token_whose_kid_names_a_jwks_key_is_verified_finding_the_credential_by_access_key() throws Exception {
        jwks.publish(URL, rsaJwk(rsa2, "other"), rsaJwk(rsa, "idp-key-1"));
        ActiveCredential cred = jwksCredential("RS256");
        RecordingLookup lookup = new RecordingLookup(cred);

        AuthResult result = verifier.verify(rs256("idp-key-1", claims("access_key", AK), rsa), lookup, NOW, false);

        assertThat(assertVerified(result).credential()).isSameAs(cred);
        assertThat(lookup.asked).containsExactly("idp-key-1", AK); // kid is no credential: then access_key
        assertThat(jwks.refreshes).isEmpty();
    }

    @Test
    void the_credential_may_also_be_named_by_the_iss_claim() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "idp-key-1"));
        ActiveCredential cred = jwksCredential("RS256");
        RecordingLookup lookup = new RecordingLookup(cred);

        AuthResult result = verifier.verify(rs256("idp-key-1", claims("iss", AK), rsa), lookup, NOW, false);

        assertThat(assertVerified(result).credential()).isSameAs(cred);
        assertThat(lookup.asked).containsExactly("idp-key-1", AK);
    }

    @Test
    void an_es256_token_whose_kid_names_a_jwks_key_is_verified() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "rsa-1"), ecJwk(ec, "ec-1"));

        assertVerified(verify(es256("ec-1", claims("access_key", AK), ec), jwksCredential("ES256")));
    }

    @Test
    void the_kid_selects_the_key_so_a_token_signed_by_another_jwks_key_under_this_kid_is_refused() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "k1"), rsaJwk(rsa2, "k2"));
        String token = rs256("k1", claims("access_key", AK), rsa2);

        assertRefused(verify(token, jwksCredential("RS256")), "signature does not match", token);
        assertVerified(verify(rs256("k2", claims("access_key", AK), rsa2), jwksCredential("RS256")));
    }

    @Test
    void an_unknown_kid_is_refused_and_a_background_refresh_is_requested() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "k1"));
        String token = rs256("rotated-in", claims("access_key", AK), rsa2);

        String reason = assertRefused(verify(token, jwksCredential("RS256")),
                "unknown key id 'rotated-in' in the issuer's JWKS", token);
        assertThat(reason).contains("retry shortly");
        assertThat(jwks.refreshes).containsExactly(URL);

        jwks.publish(URL, rsaJwk(rsa, "k1"), rsaJwk(rsa2, "rotated-in")); // the refresh lands
        assertVerified(verify(token, jwksCredential("RS256")));
    }

    @Test
    void a_set_never_fetched_refuses_like_an_unknown_kid_and_asks_for_it() throws Exception {
        String token = rs256("k1", claims("access_key", AK), rsa);

        assertRefused(verify(token, jwksCredential("RS256")), "unknown key id 'k1'", token);
        assertThat(jwks.refreshes).containsExactly(URL);
    }

    @Test
    void a_token_without_kid_uses_the_sets_only_key_and_is_refused_when_there_are_several() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "only"));
        assertVerified(verify(rs256(null, claims("access_key", AK), rsa), jwksCredential("RS256")));

        jwks.publish(URL, rsaJwk(rsa, "a"), rsaJwk(rsa2, "b"));
        String token = rs256(null, claims("access_key", AK), rsa);
        assertRefused(verify(token, jwksCredential("RS256")), "no \"kid\" header", token);
    }

    @Test
    void a_kid_naming_an_ec_key_is_refused_for_an_rs256_credential() throws Exception {
        jwks.publish(URL, ecJwk(ec, "k1"));
        String token = rs256("k1", claims("access_key", AK), rsa);

        assertRefused(verify(token, jwksCredential("RS256")), "is an EC key, but credential cred-idp requires RS256",
                token);
        assertThat(jwks.refreshes).isEmpty();
    }

    @Test
    void a_kid_naming_an_rsa_key_is_refused_for_an_es256_credential() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "k1"));
        String token = es256("k1", claims("access_key", AK), ec);

        assertRefused(verify(token, jwksCredential("ES256")), "is an RSA key, but credential cred-idp requires ES256",
                token);
    }

    @Test
    void the_algorithm_stays_pinned_by_the_credential() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "r"), ecJwk(ec, "e"));
        String token = es256("e", claims("access_key", AK), ec);

        assertRefused(verify(token, jwksCredential("RS256")), "token is signed with ES256 but this key requires RS256",
                token);
    }

    @Test
    void a_jwk_published_for_another_algorithm_is_refused() throws Exception {
        jwks.publish(URL, new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("ps").keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.PS256).build());
        String token = rs256("ps", claims("access_key", AK), rsa);

        assertRefused(verify(token, jwksCredential("RS256")), "is for PS256", token);
    }

    @Test
    void a_jwk_for_encryption_is_ignored_even_when_its_kid_matches() throws Exception {
        jwks.publish(URL, new RSAKey.Builder((RSAPublicKey) rsa.getPublic()).keyID("enc-1")
                .keyUse(KeyUse.ENCRYPTION).build());
        String token = rs256("enc-1", claims("access_key", AK), rsa);

        assertRefused(verify(token, jwksCredential("RS256")), "unknown key id 'enc-1'", token);
        assertThat(jwks.sets.get(URL).ignored()).isEqualTo(1);
    }

    @Test
    void hmac_tokens_are_refused_for_a_jwks_credential() {
        String token = hmacToken("HS256", SECRET, "{\"alg\":\"HS256\",\"kid\":\"k1\"}",
                "{\"access_key\":\"" + AK + "\"}");

        assertRefused(verify(token, jwksCredential("RS256")), "verifies with a public key", token);
    }

    @Test
    void a_kid_that_names_the_credential_itself_gets_a_hint_to_use_access_key() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "k1"));
        String token = rs256(AK, claims("sub", "x"), rsa);

        assertRefused(verify(token, jwksCredential("RS256")), "put the access key in the \"access_key\"", token);
    }

    @Test
    void without_a_jwks_cache_jwks_credentials_are_refused_with_a_reason() throws Exception {
        String token = rs256("k1", claims("access_key", AK), rsa);

        AuthResult result = new JwtVerifier().verify(token, new RecordingLookup(jwksCredential("RS256")), NOW, false);

        assertRefused(result, "takes its keys from a JWKS URL, which this gateway cannot fetch", token);
    }

    @Test
    void revoked_jwks_credentials_are_refused_before_any_key_lookup() throws Exception {
        jwks.publish(URL, rsaJwk(rsa, "k1"));
        ActiveCredential revoked = new ActiveCredential("cred-idp", "acme", CredentialType.JWT, "idp", AK, null, null,
                true, List.of(), "RS256", null, URL);
        String token = rs256("k1", claims("access_key", AK), rsa);

        assertRefused(verify(token, revoked), "revoked", token);
        assertThat(jwks.refreshes).isEmpty();
    }
}
