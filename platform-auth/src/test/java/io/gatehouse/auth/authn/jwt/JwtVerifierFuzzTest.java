package io.gatehouse.auth.authn.jwt;

import static io.gatehouse.auth.authn.jwt.JwtTestSupport.NOW;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.SECRET;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.b64;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.headerWithKid;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.hmacCredential;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.hmacToken;
import static io.gatehouse.auth.authn.jwt.JwtTestSupport.publicKeyCredential;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.jwt.JwtTestSupport.RecordingLookup;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwtVerifierFuzzTest {
    static final String AK = "AKJWTFUZZ00000000001";
    static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    static final int ITERATIONS = Integer.getInteger("jwt.fuzz.iterations", 500);
    static final String SPECIAL = ".= \t\n+/%\"'\\";
    static final String[] JSONISH = {"{", "}", "[", "]", "\"", ":", ",", "alg", "HS256", "none", "RS256", "kid",
        "exp", "nbf", "iss", "access_key", "crit", "b64", "false", "null", "1e999", "-1", "9223372036854775807",
        "\\u0000", "\\", "\u00e9", "\ud800", AK, "enc", "jwk", "{\"alg\":\"HS256\"}", " "};

    final JwtVerifier verifier = new JwtVerifier();
    final RecordingLookup lookup = new RecordingLookup(hmacCredential(AK, "HS256", SECRET),
            publicKeyCredential("AKRSA", "RS256", JwtTestSupport.rsaKeyPair(2048).getPublic()),
            publicKeyCredential("AKEC", "ES256", JwtTestSupport.ecKeyPair("secp256r1").getPublic()));

    @Test
    void five_hundred_random_strings_segments_and_json_fragments_never_throw_and_are_refused() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            String token = switch (i % 6) {
                case 0 -> randomChars(random, random.nextInt(200));
                case 1 -> randomSegments(random);
                case 2 -> b64(randomJson(random)) + "." + b64(randomJson(random)) + "." + randomB64(random, 43);
                case 3 -> b64("{\"alg\":\"" + pick(random, "HS256", "RS256", "ES256", "none", "HS512") + "\",\"kid\":\""
                        + pick(random, AK, "AKRSA", "AKEC") + "\"}") + "." + b64(randomJson(random)) + "."
                        + randomB64(random, random.nextInt(400));
                case 4 -> hmacToken("HS256", SECRET, "{\"alg\":\"HS256\",\"kid\":\"" + AK + "\"}",
                        randomJson(random)) + randomChars(random, 1 + random.nextInt(3));
                default -> randomBytesAsText(random);
            };
            AuthResult result = verifyWithoutThrowing(token, seed);
            if (result instanceof AuthResult.Verified) {
                // only a well-formed HMAC token whose random payload happened to be valid JSON could pass; case 4
                // appends garbage, so nothing here may verify
                throw new AssertionError("verified a fuzzed token (seed " + seed + ")");
            }
            assertThat(((AuthResult.Refused) result).reason()).as("seed %d, case %d", seed, i)
                    .isNotBlank().doesNotContain(SECRET).hasSizeLessThan(400)
                    .isNotEqualTo(JwtVerifier.UNEXPECTED);
        }
    }

    @Test
    void every_single_character_change_to_a_valid_token_is_refused() {
        String valid = hmacToken("HS256", SECRET, headerWithKid("HS256", AK), "{\"sub\":\"svc\",\"n\":1}");
        assertThat(verifier.verify(valid, lookup, NOW, false)).isInstanceOf(AuthResult.Verified.class);
        Random random = new Random(42);
        for (int i = 0; i < valid.length(); i++) {
            char original = valid.charAt(i);
            char replacement;
            do {
                replacement = B64URL.charAt(random.nextInt(B64URL.length()));
            } while (replacement == original);
            String mutated = valid.substring(0, i) + replacement + valid.substring(i + 1);
            assertThat(verifyWithoutThrowing(mutated, 42)).as("mutation at %d", i)
                    .isInstanceOf(AuthResult.Refused.class);
        }
    }

    @Test
    void deeply_nested_and_oversized_json_is_refused_without_a_stack_overflow() {
        String deep = "{\"a\":" + "[".repeat(6000) + "]".repeat(6000) + "}";
        String deepObjects = "{\"a\":".repeat(1500) + "1" + "}".repeat(1500);
        for (String json : new String[] {deep, deepObjects}) {
            verifyWithoutThrowing(b64(json) + "." + b64("{}") + ".AAAA", 0);
            verifyWithoutThrowing(b64("{\"alg\":\"HS256\",\"kid\":\"" + AK + "\"}") + "." + b64(json) + ".AAAA", 0);
        }
        verifyWithoutThrowing("a".repeat(1_000_000) + ".b.c", 0);
        verifyWithoutThrowing(".".repeat(10_000), 0);
    }

    AuthResult verifyWithoutThrowing(String token, long seed) {
        try {
            AuthResult result = verifier.verify(token, lookup, NOW, requireExp(seed));
            assertThat(result).isNotNull();
            if (result instanceof AuthResult.Refused refused) {
                assertThat(refused.reason()).as("an unanticipated failure path").isNotEqualTo(JwtVerifier.UNEXPECTED);
            }
            return result;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("verify threw for a fuzzed token (seed " + seed + ")", e);
        }
    }

    static boolean requireExp(long seed) {
        return (seed & 1) == 0;
    }

    static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    static String randomChars(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            out.append(kind < 6 ? B64URL.charAt(random.nextInt(B64URL.length()))
                    : kind < 8 ? SPECIAL.charAt(random.nextInt(SPECIAL.length())) : (char) random.nextInt(0x3000));
        }
        return out.toString();
    }

    static String randomB64(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(B64URL.charAt(random.nextInt(B64URL.length())));
        }
        return out.toString();
    }

    static String randomSegments(Random random) {
        int segments = random.nextInt(7);
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < segments; s++) {
            if (s > 0) {
                out.append('.');
            }
            out.append(randomB64(random, random.nextInt(60)));
        }
        return out.toString();
    }

    static String randomJson(Random random) {
        StringBuilder out = new StringBuilder();
        int parts = random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            out.append(JSONISH[random.nextInt(JSONISH.length)]);
        }
        return out.toString();
    }

    static String randomBytesAsText(Random random) {
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
