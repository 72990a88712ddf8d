package io.gatehouse.auth.authn.sigv4;

import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.AK;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.SK;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.aksk;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.lookup;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.signed;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.withHeader;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.GatewayRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Malformed and random input is refused with a specific reason - never an exception, never the catch-all. */
class SigV4FuzzTest {
    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");
    private static final String URL = "http://gw.example.com/acme/echo?x=1";
    private static final String[] TOKENS = {"AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 ", "Credential=", "SignedHeaders=",
            "Signature=", ",", ", ", " ", "\t", "/", "//", ";", ";;", "=", "==", AK, "20260314", "2026031",
            "us-east-1", "gateway", "aws4_request", "host", "x-amz-date", "HOST", "0123456789abcdef", "ffff",
            "%", "%zz", "\u0000", "\n", "\u00e9", "\u1234", "\ud83d\ude00", "\ud800", "Basic ", "Bearer x", "",
            "a".repeat(100), "Credential=" + AK + "/20260314/us-east-1/gateway/aws4_request"};

    private final GatewayRequest genuine = signed("POST", URL, Map.of(), "body".getBytes(StandardCharsets.UTF_8),
            SK, "gateway", NOW);
    private final CredentialLookup lookup = lookup(aksk(AK, SK));

    @Test
    void randomTokenSoupInTheAuthorizationHeaderIsAlwaysRefusedWithAReason() {
        Random random = new Random(4242);
        SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        for (int i = 0; i < 400; i++) {
            StringBuilder header = new StringBuilder();
            int n = random.nextInt(12);
            for (int j = 0; j < n; j++) {
                header.append(TOKENS[random.nextInt(TOKENS.length)]);
            }
            assertRefusedSpecifically(verifier, withHeader(genuine, "authorization", header.toString()));
        }
    }

    @Test
    void randomCharactersInTheAuthorizationHeaderAreAlwaysRefusedWithAReason() {
        Random random = new Random(7);
        SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        for (int i = 0; i < 300; i++) {
            char[] chars = new char[random.nextInt(300)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x10000));
            }
            String header = (random.nextBoolean() ? "AWS4-HMAC-SHA256 " : "") + new String(chars);
            assertRefusedSpecifically(verifier, withHeader(genuine, "authorization", header));
        }
    }

    @Test
    void mutationsOfAGenuineAuthorizationHeaderNeverThrow() {
        Random random = new Random(99);
        String original = genuine.header("authorization");
        for (int i = 0; i < 400; i++) {
            String mutated = mutate(original, random);
            // a fresh verifier each time so a harmless mutation (e.g. extra spaces) is not refused as a replay
            SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
            GatewayRequest r = withHeader(genuine, "authorization", mutated);
            AuthResult result = verifier.verify(r, lookup, NOW);
            assertThat(result).as(mutated).isNotNull();
            if (result instanceof AuthResult.Refused refused) {
                assertThat(refused.reason()).as(mutated).isNotBlank().isNotEqualTo(SigV4Verifier.UNEXPECTED);
            }
        }
    }

    @Test
    void malformedDatesQueriesPathsAndHashesAreRefusedWithAReason() {
        Random random = new Random(13);
        SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        String[] junk = {"", " ", "%", "%%", "%4", "%zz", "a=%G1&&=&==", "\u1234=%E1%88", "+&+=+", "?", "#frag",
                "20260314T092653", "20261314T092653Z", "99999999T999999Z", "x".repeat(5000), "\ud800", "..", "/../",
                "STREAMING-", "UNSIGNED-PAYLOAD ", "0".repeat(64)};
        for (int i = 0; i < 300; i++) {
            GatewayRequest r = genuine;
            switch (random.nextInt(4)) {
                case 0 -> r = withHeader(r, "x-amz-date", junk[random.nextInt(junk.length)]);
                case 1 -> r = new GatewayRequest("POST", r.rawPath(), junk[random.nextInt(junk.length)], r.headers(),
                        r.body());
                case 2 -> r = new GatewayRequest("POST", junk[random.nextInt(junk.length)], r.rawQuery(), r.headers(),
                        r.body());
                default -> r = withHeader(r, "x-amz-content-sha256", junk[random.nextInt(junk.length)]);
            }
            assertRefusedSpecifically(verifier, r);
        }
    }

    @Test
    void nullPartsOfARequestAreRefusedNotThrown() {
        SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        assertRefusedSpecifically(verifier, new GatewayRequest(null, null, null, null, null));
        assertRefusedSpecifically(verifier, new GatewayRequest("GET", null, null, new HashMap<>(), null));
        Map<String, List<String>> h = new HashMap<>(genuine.headers());
        h.put("x-amz-date", List.of());
        assertRefusedSpecifically(verifier, new GatewayRequest("POST", null, null, h, null));
        h.put("authorization", List.of());
        assertRefusedSpecifically(verifier, new GatewayRequest("POST", null, null, h, null));
    }

    @Test
    void aLookupThatThrowsDoesNotEscapeTheVerifier() {
        SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        assertThatCode(() -> verifier.verify(genuine, key -> {
            throw new IllegalStateException("boom");
        }, NOW)).doesNotThrowAnyException();
    }

    private void assertRefusedSpecifically(SigV4Verifier verifier, GatewayRequest request) {
        AuthResult result = verifier.verify(request, lookup, NOW);
        String shown = request.headers() == null ? "<no headers>" : String.valueOf(request.header("authorization"));
        assertThat(result).as(shown).isInstanceOf(AuthResult.Refused.class);
        assertThat(((AuthResult.Refused) result).reason()).as(shown).isNotBlank()
                .isNotEqualTo(SigV4Verifier.UNEXPECTED).doesNotContain(SK);
    }

    private static String mutate(String s, Random random) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !b.isEmpty(); e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(5)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
                case 2 -> b.setCharAt(at, (char) (0x20 + random.nextInt(0x5f)));
                case 3 -> b.setLength(at);
                default -> b.insert(at, b.substring(at, Math.min(b.length(), at + random.nextInt(30))));
            }
        }
        return b.toString();
    }
}
