package io.gatehouse.auth.authn.jwt;

import static io.gatehouse.auth.authn.jwt.JwtTestSupport.NOW;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.SECRET;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.SECRET_64;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.assertRefused;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.assertVerified;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.b64;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.credential;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.current;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.epoch;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.header;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.headerWithKid;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.hmacCredential;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.hmacToken;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.publicKeyCredential;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.SecretVersion;
import io.gatehouse.auth.authn.jwt.JwtTestSupport.RecordingLookup;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtVerifierTest {
    static final String AK = "AKJWTPYJWT0000000001";
    static final String OTHER_AK = "AKJWTOTHER0000000002";

    static KeyPair rsa;
    static KeyPair ec;

    final JwtVerifier verifier = new JwtVerifier();

    @BeforeAll
    static void keys() {
        rsa = JwtTestSupport.rsaKeyPair(2048);
        ec = JwtTestSupport.ecKeyPair("secp256r1");
    }

    AuthResult verify(String token, ActiveCredential... credentials) {
        return verifier.verify(token, new RecordingLookup(credentials), NOW, false);
    }

    static String rs256(String kid, JWTClaimsSet claims, RSAPrivateKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String es256(String kid, JWTClaimsSet claims, ECPrivateKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    static JWTClaimsSet claimsExpiringIn(Duration d) {
        return new JWTClaimsSet.Builder().subject("svc").expirationTime(Date.from(NOW.plus(d))).build();
    }

    @Nested
    class Valid_tokens_are_verified {

        @ParameterizedTest(name = "{0} naming its credential by {1}")
        @CsvSource({
                "HS256, kid", "HS256, access_key", "HS256, iss",
                "HS384, kid", "HS384, access_key", "HS384, iss",
                "HS512, kid", "HS512, access_key", "HS512, iss"})
        void an_hmac_token_naming_its_credential_by_kid_access_key_or_iss(String alg, String namedBy) {
            ActiveCredential cred = hmacCredential(AK, alg, SECRET_64);
            String header = namedBy.equals("kid") ? headerWithKid(alg, AK) : header(alg);
            String claims = switch (namedBy) {
                case "kid" -> "{\"sub\":\"svc\"}";
                case "access_key" -> "{\"access_key\":\"" + AK + "\"}";
                default -> "{\"iss\":\"" + AK + "\"}";
            };
            String token = hmacToken(alg, SECRET_64, header, claims);

            assertThat(assertVerified(verify(token, cred, hmacCredential(OTHER_AK, alg, SECRET))).credential())
                    .isSameAs(cred);
        }

        @Test
        void a_token_produced_by_pyjwt_with_an_access_key_claim() {
            // jwt.encode({"access_key": AK}, SECRET, algorithm="HS256") - PyJWT 2.x output, byte for byte
            String pyjwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2Nlc3Nfa2V5IjoiQUtKV1RQWUpXVDAwMDAwMDAwMDEifQ"
                    + ".lwh8t5x-HbUQBAUpdny38iG7TV5YfEJa0DmlRyOi2k8";

            assertVerified(verify(pyjwt, hmacCredential(AK, "HS256", SECRET)));
            assertThat(pyjwt).isEqualTo(hmacToken("HS256", SECRET, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                    "{\"access_key\":\"" + AK + "\"}"));
        }

        @Test
        void a_pyjwt_token_with_exp_and_iat_on_a_route_that_requires_exp() {
            // jwt.encode({"access_key": AK, "exp": now + 300, "iat": now}, SECRET, algorithm="HS256")
            String pyjwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJhY2Nlc3Nfa2V5IjoiQUtKV1RQWUpXVDAwMDAwMDAwMDEiLCJ"
                    + "leHAiOjE3NDg3Nzk1MDAsImlhdCI6MTc0ODc3OTIwMH0.mtvdxMxuEq8kbrnBfc_gP-7uBtal88g91fngXKYrACE";

            assertVerified(verifier.verify(pyjwt, new RecordingLookup(hmacCredential(AK, "HS256", SECRET)), NOW,
                    true));
        }

        @Test
        void an_hs512_token_whose_secret_is_shorter_than_the_hash_as_pyjwt_allows() {
            String token = hmacToken("HS512", SECRET, header("HS512"), "{\"access_key\":\"" + AK + "\"}");

            assertVerified(verify(token, hmacCredential(AK, "HS512", SECRET)));
        }

        @Test
        void an_rs256_token_signed_with_the_private_key_of_the_uploaded_public_key() throws Exception {
            ActiveCredential cred = publicKeyCredential(AK, "RS256", rsa.getPublic());
            String token = rs256(AK, claimsExpiringIn(Duration.ofMinutes(5)), (RSAPrivateKey) rsa.getPrivate());

            assertThat(assertVerified(verify(token, cred)).credential()).isSameAs(cred);
        }

        @Test
        void an_rs256_key_parsed_from_pem_verifies_tokens() throws Exception {
            ActiveCredential cred = publicKeyCredential(AK, "RS256",
                    JwtKeys.parsePublicKeyPem(JwtTestSupport.pem(rsa.getPublic()), "RS256"));
            String token = rs256(AK, claimsExpiringIn(Duration.ofMinutes(5)), (RSAPrivateKey) rsa.getPrivate());

            assertVerified(verify(token, cred));
        }

        @Test
        void an_es256_token_signed_with_the_private_key_of_the_uploaded_public_key() throws Exception {
            ActiveCredential cred = publicKeyCredential(AK, "ES256", ec.getPublic());
            String token = es256(AK, claimsExpiringIn(Duration.ofMinutes(5)), (ECPrivateKey) ec.getPrivate());

            assertThat(assertVerified(verify(token, cred)).credential()).isSameAs(cred);
        }

        @Test
        void an_identity_provider_token_with_its_own_kid_is_matched_by_the_iss_claim() throws Exception {
            ActiveCredential cred = publicKeyCredential(AK, "RS256", rsa.getPublic());
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(AK).subject("user-1").build();
            String token = rs256("idp-key-2024-07", claims, (RSAPrivateKey) rsa.getPrivate());

            RecordingLookup lookup = new RecordingLookup(cred);
            assertVerified(verifier.verify(token, lookup, NOW, false));
            assertThat(lookup.asked).containsExactly("idp-key-2024-07", AK);
        }

        @Test
        void the_kid_wins_when_it_names_a_known_key() {
            ActiveCredential byKid = hmacCredential(AK, "HS256", SECRET);
            ActiveCredential byClaim = hmacCredential(OTHER_AK, "HS256", SECRET_64);
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK),
                    "{\"access_key\":\"" + OTHER_AK + "\"}");

            assertThat(assertVerified(verify(token, byKid, byClaim)).credential()).isSameAs(byKid);
        }
    }

    @Nested
    class Algorithms_are_pinned {

        @ParameterizedTest
        @ValueSource(strings = {"none", "None", "NONE"})
        void an_unsigned_alg_none_token_is_refused(String none) {
            String withSignature = b64("{\"alg\":\"" + none + "\",\"typ\":\"JWT\"}") + "."
                    + b64("{\"access_key\":\"" + AK + "\"}") + "." + b64("anything");
            String withoutSignature = withSignature.substring(0, withSignature.lastIndexOf('.') + 1);

            assertRefused(verify(withSignature, hmacCredential(AK, "HS256", SECRET)), "alg \"none\"", null);
            assertRefused(verify(withoutSignature, hmacCredential(AK, "HS256", SECRET)), "no signature", null);
        }

        @Test
        void an_hs256_token_signed_with_the_rsa_public_key_is_refused_for_an_rs256_key() {
            ActiveCredential cred = publicKeyCredential(AK, "RS256", rsa.getPublic());
            byte[] der = rsa.getPublic().getEncoded();
            byte[] pem = JwtTestSupport.pem(rsa.getPublic()).getBytes(StandardCharsets.US_ASCII);

            for (byte[] key : new byte[][] {der, pem}) {
                String token = JwtTestSupport.hmacToken("HS256", key, headerWithKid("HS256", AK), "{\"sub\":\"x\"}");
                assertRefused(verify(token, cred), "public key", token);
            }
        }

        @Test
        void an_hmac_credential_that_somehow_carries_a_public_key_refuses_hmac_tokens() {
            ActiveCredential cred = new ActiveCredential("c1", "acme", CredentialType.JWT, "app", AK, null, null,
                    false, java.util.List.of(current(SECRET)), "HS256", rsa.getPublic());
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

            assertRefused(verify(token, cred), "public key", token);
        }

        @Test
        void an_hs384_token_for_an_hs256_key_is_refused_naming_both_algorithms() {
            String token = hmacToken("HS384", SECRET_64, headerWithKid("HS384", AK), "{}");

            String reason = assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET_64)),
                    "token is signed with HS384 but this key requires HS256", token);
            assertThat(reason).doesNotContain(SECRET_64);
        }

        @Test
        void an_rs256_token_for_an_es256_key_is_refused() throws Exception {
            String token = rs256(AK, claimsExpiringIn(Duration.ofMinutes(1)), (RSAPrivateKey) rsa.getPrivate());

            assertRefused(verify(token, publicKeyCredential(AK, "ES256", ec.getPublic())),
                    "token is signed with RS256 but this key requires ES256", token);
        }

        @Test
        void a_public_key_credential_without_a_loaded_key_refuses_instead_of_failing() throws Exception {
            String token = rs256(AK, claimsExpiringIn(Duration.ofMinutes(1)), (RSAPrivateKey) rsa.getPrivate());

            assertRefused(verify(token, publicKeyCredential(AK, "RS256", null)), "no usable RS256 public key",
                    token);
            assertRefused(verify(token, publicKeyCredential(AK, "RS256", ec.getPublic())),
                    "no usable RS256 public key", token);
        }

        @Test
        void a_key_embedded_in_the_token_header_is_never_trusted() throws Exception {
            KeyPair attacker = JwtTestSupport.rsaKeyPair(2048);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(AK)
                    .jwk(new RSAKey.Builder((RSAPublicKey) attacker.getPublic()).build()).build(),
                    new JWTClaimsSet.Builder().subject("x").build());
            jwt.sign(new RSASSASigner(attacker.getPrivate()));
            String token = jwt.serialize();

            assertRefused(verify(token, publicKeyCredential(AK, "RS256", rsa.getPublic())),
                    "signature does not match", token);
        }

        @Test
        void an_rs256_token_signed_by_another_key_is_refused() throws Exception {
            KeyPair other = JwtTestSupport.rsaKeyPair(2048);
            String token = rs256(AK, claimsExpiringIn(Duration.ofMinutes(1)), (RSAPrivateKey) other.getPrivate());

            assertRefused(verify(token, publicKeyCredential(AK, "RS256", rsa.getPublic())),
                    "signature does not match", token);
        }

        @Test
        void an_es256_token_signed_by_another_key_is_refused() throws Exception {
            KeyPair other = JwtTestSupport.ecKeyPair("secp256r1");
            String token = es256(AK, claimsExpiringIn(Duration.ofMinutes(1)), (ECPrivateKey) other.getPrivate());

            assertRefused(verify(token, publicKeyCredential(AK, "ES256", ec.getPublic())),
                    "signature does not match", token);
        }

        @Test
        void a_token_with_critical_header_extensions_is_refused() {
            String token = hmacToken("HS256", SECRET,
                    "{\"alg\":\"HS256\",\"kid\":\"" + AK + "\",\"crit\":[\"exp\"],\"exp\":1}", "{}");

            assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET)), "crit", token);
        }
    }

    @Nested
    class Signatures_and_secrets {

        @Test
        void a_token_signed_with_the_wrong_secret_is_refused_without_revealing_the_secret() {
            String token = hmacToken("HS256", "not-the-right-secret-at-all-000000", headerWithKid("HS256", AK),
                    "{}");

            assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET)), "signature does not match", token);
        }

        @Test
        void the_previous_secret_is_accepted_during_the_rotation_grace_period() {
            ActiveCredential cred = hmacCredential(AK, "HS256", current(SECRET_64),
                    new SecretVersion(SECRET.getBytes(StandardCharsets.UTF_8), NOW.plus(Duration.ofHours(1))));
            String oldToken = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");
            String newToken = hmacToken("HS256", SECRET_64, headerWithKid("HS256", AK), "{}");

            assertVerified(verify(oldToken, cred));
            assertVerified(verify(newToken, cred));
        }

        @Test
        void the_previous_secret_is_refused_once_its_grace_period_ended() {
            ActiveCredential cred = hmacCredential(AK, "HS256", current(SECRET_64),
                    new SecretVersion(SECRET.getBytes(StandardCharsets.UTF_8), NOW));
            String oldToken = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

            assertRefused(verify(oldToken, cred), "signature does not match", oldToken);
            assertVerified(verify(hmacToken("HS256", SECRET_64, headerWithKid("HS256", AK), "{}"), cred));
        }

        @Test
        void a_credential_without_any_usable_secret_is_refused() {
            ActiveCredential cred = hmacCredential(AK, "HS256",
                    new SecretVersion(SECRET.getBytes(StandardCharsets.UTF_8), NOW.minusSeconds(1)));
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

            assertRefused(verify(token, cred), "no usable secret", token);
        }

        @Test
        void a_signature_with_one_flipped_bit_is_refused() {
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");
            char last = token.charAt(token.length() - 2);
            String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                    + token.charAt(token.length() - 1);

            assertRefused(verify(tampered, hmacCredential(AK, "HS256", SECRET)), "signature does not match", null);
        }

        @Test
        void a_payload_changed_after_signing_is_refused() {
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{\"role\":\"user\"}");
            String[] parts = token.split("\\.");
            String forged = parts[0] + "." + b64("{\"role\":\"admin\"}") + "." + parts[2];

            assertRefused(verify(forged, hmacCredential(AK, "HS256", SECRET)), "signature does not match", forged);
        }
    }

    @Nested
    class Expiry_and_not_before {

        String tokenWith(String claims) {
            return hmacToken("HS256", SECRET, headerWithKid("HS256", AK), claims);
        }

        AuthResult verifyAt(String token, boolean requireExp) {
            return verifier.verify(token, new RecordingLookup(hmacCredential(AK, "HS256", SECRET)), NOW, requireExp);
        }

        @Test
        void a_token_expired_beyond_the_leeway_is_refused_with_how_long_ago_and_what_to_do() {
            String token = tokenWith("{\"exp\":" + epoch(NOW.minus(Duration.ofMinutes(5))) + "}");

            assertRefused(verifyAt(token, false), "token expired 5 minutes ago", token);
            assertRefused(verifyAt(token, false), "issue a new token", token);
        }

        @Test
        void a_token_expired_within_the_leeway_is_accepted() {
            assertVerified(verifyAt(tokenWith("{\"exp\":" + epoch(NOW.minusSeconds(59)) + "}"), false));
        }

        @Test
        void a_token_expired_exactly_the_leeway_ago_is_refused() {
            assertRefused(verifyAt(tokenWith("{\"exp\":" + epoch(NOW.minusSeconds(60)) + "}"), false), "expired",
                    null);
        }

        @Test
        void a_token_not_valid_before_a_time_beyond_the_leeway_is_refused() {
            String token = tokenWith("{\"nbf\":" + epoch(NOW.plus(Duration.ofMinutes(10))) + "}");

            assertRefused(verifyAt(token, false), "not valid yet", token);
            assertRefused(verifyAt(token, false), "10 minutes in the future", token);
        }

        @Test
        void a_token_not_valid_before_a_time_within_the_leeway_is_accepted() {
            assertVerified(verifyAt(tokenWith("{\"nbf\":" + epoch(NOW.plusSeconds(60)) + "}"), false));
        }

        @Test
        void a_route_requiring_exp_refuses_a_token_without_exp() {
            String token = tokenWith("{\"sub\":\"svc\"}");

            assertRefused(verifyAt(token, true), "token has no exp claim; this route requires expiring tokens",
                    token);
            assertVerified(verifyAt(token, false));
        }

        @Test
        void a_route_requiring_exp_accepts_a_token_with_a_future_exp() {
            assertVerified(verifyAt(tokenWith("{\"exp\":" + epoch(NOW.plusSeconds(300)) + "}"), true));
        }

        @Test
        void an_exp_that_is_not_a_number_is_refused() {
            assertRefused(verifyAt(tokenWith("{\"exp\":\"tomorrow\"}"), false), "claim \"exp\" must be a number",
                    null);
            assertRefused(verifyAt(tokenWith("{\"nbf\":true}"), false), "claim \"nbf\" must be a number", null);
            assertRefused(verifyAt(tokenWith("{\"iat\":\"now\"}"), false), "claim \"iat\" must be a number", null);
        }

        @Test
        void fractional_and_absurdly_large_exp_values_are_read_without_overflowing() {
            assertVerified(verifyAt(tokenWith("{\"exp\":" + epoch(NOW.plusSeconds(30)) + ".75}"), true));
            assertVerified(verifyAt(tokenWith("{\"exp\":1e300}"), true));
            assertVerified(verifyAt(tokenWith("{\"exp\":99999999999999999999999}"), true));
            assertRefused(verifyAt(tokenWith("{\"exp\":-1e300}"), true), "expired", null);
            assertRefused(verifyAt(tokenWith("{\"nbf\":1e300}"), false), "not valid yet", null);
        }

        @Test
        void expiry_is_checked_only_after_the_signature_so_forged_claims_learn_nothing() {
            String forged = hmacToken("HS256", "wrong-secret-wrong-secret-wrong-secret",
                    headerWithKid("HS256", AK), "{\"exp\":1}");

            assertRefused(verifyAt(forged, false), "signature does not match", forged);
        }
    }

    @Nested
    class Credentials {

        @Test
        void an_unknown_kid_is_refused_echoing_the_id() {
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", "AKNOPE"), "{}");

            assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET)), "unknown key id \"AKNOPE\"", token);
        }

        @Test
        void a_token_that_names_no_credential_is_refused() {
            String token = hmacToken("HS256", SECRET, header("HS256"), "{\"sub\":\"x\"}");

            assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET)), "does not name its credential", token);
        }

        @Test
        void a_non_string_access_key_claim_is_refused() {
            String token = hmacToken("HS256", SECRET, header("HS256"), "{\"access_key\":42}");

            assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET)), "must be a string", token);
        }

        @ParameterizedTest
        @ValueSource(strings = {"../../etc/passwd", "' OR '1'='1", "\"; DROP TABLE credential;--",
                "%00%0d%0aSet-Cookie: x", "\0\n\r<script>alert(1)</script>", "AK\u202Eevil\u00e9", "${jndi:ldap://x}",
                "AKJWTPYJWT0000000001\0", " AKJWTPYJWT0000000001", "akjwtpyjwt0000000001"})
        void a_kid_with_an_injection_string_is_simply_unknown_and_echoed_sanitised(String kid) {
            String token = hmacToken("HS256", SECRET,
                    "{\"alg\":\"HS256\",\"kid\":" + JwtTestSupport.jsonString(kid) + "}", "{}");

            String reason = assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET)), "unknown key id", token);
            assertThat(reason).matches("[\\x20-\\x7e]*");
        }

        @Test
        void a_very_long_kid_is_never_looked_up_and_is_echoed_truncated() {
            String kid = "A".repeat(5000);
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", kid), "{}");
            RecordingLookup lookup = new RecordingLookup(hmacCredential(AK, "HS256", SECRET));

            String reason = assertRefused(verifier.verify(token, lookup, NOW, false), "unknown key id", token);
            assertThat(reason).contains("\"" + "A".repeat(64) + "...\"").doesNotContain("A".repeat(65));
            assertThat(lookup.asked).isEmpty();
        }

        @Test
        void a_failing_credential_store_is_reported_as_its_own_exception_not_as_a_bad_token() {
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");
            io.gatehouse.auth.authn.CredentialLookup broken = id -> {
                throw new IllegalStateException("store down");
            };

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> verifier.verify(token, broken, NOW, false))
                    .isInstanceOf(IllegalStateException.class).hasMessage("store down");
        }

        @Test
        void a_revoked_credential_is_refused() {
            ActiveCredential revoked = credential(AK, CredentialType.JWT, "HS256", null, true, null, current(SECRET));
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

            assertRefused(verify(token, revoked), "revoked", token);
        }

        @Test
        void an_expired_credential_is_refused() {
            ActiveCredential expired = credential(AK, CredentialType.JWT, "HS256", null, false, NOW.minusSeconds(1),
                    current(SECRET));
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

            assertRefused(verify(token, expired), "expired at", token);
        }

        @Test
        void a_basic_credential_found_by_the_id_is_refused() {
            ActiveCredential basic = credential(AK, CredentialType.BASIC, null, null, false, null, current(SECRET));
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

            assertRefused(verify(token, basic), "unknown credential for JWT", token);
        }

        @Test
        void a_jwt_credential_without_an_algorithm_is_refused() {
            String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

            assertRefused(verify(token, hmacCredential(AK, null, SECRET)), "no JWT algorithm", token);
        }
    }

    @Nested
    class Malformed_tokens_are_refused_not_thrown {

        final String valid = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{}");

        AuthResult check(String token) {
            return verify(token, hmacCredential(AK, "HS256", SECRET));
        }

        @Test
        void the_valid_token_used_below_is_itself_accepted() {
            assertVerified(check(valid));
        }

        @Test
        void trailing_garbage_is_refused() {
            assertRefused(check(valid + " garbage"), "whitespace", null);
            assertRefused(check(valid + "#x"), "base64url", null);
            assertRefused(check(valid + "\n"), "whitespace", null);
            assertThat(check(valid + "garbage")).isInstanceOf(AuthResult.Refused.class);
        }

        @Test
        void four_segments_are_refused() {
            assertRefused(check(valid + ".abc"), "found 4", null);
            assertRefused(check(valid + "."), "found 4", null);
        }

        @Test
        void two_segments_are_refused() {
            assertRefused(check(valid.substring(0, valid.lastIndexOf('.'))), "found 2", null);
        }

        @Test
        void one_segment_is_refused() {
            assertRefused(check("abcdef"), "found 1", null);
        }

        @Test
        void an_empty_or_missing_token_is_refused() {
            assertRefused(check(""), "empty bearer token", null);
            assertRefused(check(null), "empty bearer token", null);
            assertRefused(check("   "), "whitespace", null);
        }

        @Test
        void the_bearer_prefix_must_already_be_removed() {
            assertRefused(check("Bearer " + valid), "whitespace", valid);
        }

        @Test
        void an_encrypted_jwe_is_refused() {
            String jwe = b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}")
                    + "..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA";

            assertRefused(check(jwe), "JWE", null);
        }

        @Test
        void a_jwe_header_in_three_segments_is_refused() {
            String token = b64("{\"alg\":\"dir\",\"enc\":\"A256GCM\"}") + "." + b64("{}") + "." + b64("sig");

            assertRefused(check(token), "JWE", null);
        }

        @Test
        void padding_and_non_base64url_characters_are_refused() {
            String[] parts = valid.split("\\.");
            assertRefused(check(parts[0] + "=." + parts[1] + "." + parts[2]), "padding", null);
            assertRefused(check(parts[0] + "." + parts[1] + "+/." + parts[2]), "base64url", null);
            assertRefused(check(parts[0] + "." + parts[1] + ".é" + parts[2]), "base64url", null);
        }

        @Test
        void a_non_canonical_base64url_encoding_of_the_signature_is_refused() {
            String[] parts = valid.split("\\.");
            // 32-byte HMAC -> 43 chars; the last char carries 2 unused bits that must be zero
            String sig = parts[2];
            char last = sig.charAt(sig.length() - 1);
            String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            char sibling = alphabet.charAt(alphabet.indexOf(last) | 1);
            String malleated = parts[0] + "." + parts[1] + "." + sig.substring(0, sig.length() - 1) + sibling;

            assertRefused(check(malleated), "base64url", null);
        }

        @Test
        void a_header_that_is_not_json_is_refused() {
            String token = b64("not json") + "." + b64("{}") + "." + b64("sig");

            assertRefused(check(token), "not a valid JWS header", null);
        }

        @Test
        void a_header_without_alg_is_refused() {
            String token = b64("{\"typ\":\"JWT\"}") + "." + b64("{}") + "." + b64("sig");

            assertThat(check(token)).isInstanceOf(AuthResult.Refused.class);
        }

        @Test
        void claims_that_are_not_a_json_object_are_refused() {
            for (String payload : new String[] {"[1,2]", "\"str\"", "not json", "{\"a\":", "null"}) {
                String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), payload);
                assertRefused(check(token), "not a JSON object of claims", token);
            }
        }

        @Test
        void a_token_larger_than_16_kib_is_refused_before_parsing() {
            String big = hmacToken("HS256", SECRET, headerWithKid("HS256", AK),
                    "{\"pad\":\"" + "x".repeat(13_000) + "\"}");

            assertThat(big.length()).isGreaterThan(16 * 1024);
            assertRefused(check(big), "too long", big);
        }
    }

    @Test
    void an_expired_token_is_told_when_it_expired_in_iso_8601() {
        Instant exp = NOW.minus(Duration.ofHours(3));
        String token = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{\"exp\":" + epoch(exp) + "}");

        assertRefused(verify(token, hmacCredential(AK, "HS256", SECRET)), "expired 3 hours ago (exp " + exp, token);
    }
}
