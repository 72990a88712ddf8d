package io.gatehouse.auth.authn.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.GatewayRequest;
import io.gatehouse.auth.authn.Hashes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AWS's published SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30 edition): credentials AKIDEXAMPLE, region
 * us-east-1, service "service". Files under {@code src/test/resources/sigv4/aws-sig-v4-test-suite/NAME/}.
 */
class SigV4TestSuiteVectorsTest {
    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Instant SUITE_NOW = Instant.parse("2015-08-30T12:36:00Z");

    @ParameterizedTest(name = "{0}")
    @DisplayName("a suite vector's canonical request, string to sign and signature match AWS's published values")
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query", "get-vanilla-empty-query-key",
            "get-vanilla-query-order-key", "get-vanilla-query-order-key-case", "get-vanilla-query-order-value",
            "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-unreserved", "get-utf8", "get-space",
            "get-header-key-duplicate", "get-header-value-order", "get-header-value-trim", "post-vanilla",
            "post-vanilla-query", "post-vanilla-empty-query-value", "post-header-key-case", "post-header-key-sort",
            "post-header-value-case", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
            "post-sts-header-before"})
    void suiteVectorMatchesPublishedValues(String name) throws Exception {
        Vector v = Vector.load(name);
        AuthorizationHeader auth = AuthorizationHeader.parse(v.authz);

        String creq = CanonicalRequest.of(v.request.method(), CanonicalRequest.asSentUri(v.request.rawPath()),
                CanonicalRequest.canonicalQuery(v.request.rawQuery()),
                CanonicalRequest.canonicalHeaders(v.request.headers(), auth.signedHeaders()),
                auth.signedHeadersText(), Hashes.sha256Hex(v.request.body()));
        assertThat(creq).isEqualTo(v.creq);

        String sts = SigningKey.stringToSign("20150830T123600Z", auth.scope(), creq);
        assertThat(sts).isEqualTo(v.sts);

        byte[] key = SigningKey.derive(SUITE_SECRET.getBytes(StandardCharsets.UTF_8), "20150830", "us-east-1",
                "service");
        assertThat(Hashes.hex(SigningKey.sign(key, sts))).isEqualTo(auth.signature());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("the full verifier accepts a suite vector as a gateway would receive it")
    @ValueSource(strings = {"get-vanilla", "get-vanilla-query", "get-vanilla-empty-query-key",
            "get-vanilla-query-order-key", "get-vanilla-query-order-key-case", "get-vanilla-query-order-value",
            "get-vanilla-query-unreserved", "get-vanilla-utf8-query", "get-unreserved", "get-utf8", "get-space",
            "get-header-key-duplicate", "get-header-value-order", "get-header-value-trim", "post-vanilla",
            "post-vanilla-query", "post-vanilla-empty-query-value", "post-header-key-case", "post-header-key-sort",
            "post-header-value-case", "post-x-www-form-urlencoded", "post-x-www-form-urlencoded-parameters",
            "post-sts-header-before"})
    void verifierAcceptsSuiteVector(String name) throws Exception {
        Vector v = Vector.load(name);
        AuthResult result = new SigV4Verifier(Duration.ofSeconds(300), "service")
                .verify(v.signedRequest(), SigV4Fixtures.lookup(SigV4Fixtures.aksk("AKIDEXAMPLE", SUITE_SECRET)),
                        SUITE_NOW);
        assertThat(result).isInstanceOf(AuthResult.Verified.class);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a suite vector that relies on dot-segment normalisation is refused, because paths are signed as sent")
    @ValueSource(strings = {"get-relative", "get-slash-pointless-dot"})
    void dotSegmentVectorsAreNotNormalised(String name) throws Exception {
        Vector v = Vector.load(name);
        AuthResult result = new SigV4Verifier(Duration.ofSeconds(300), "service")
                .verify(v.signedRequest(), SigV4Fixtures.lookup(SigV4Fixtures.aksk("AKIDEXAMPLE", SUITE_SECRET)),
                        SUITE_NOW);
        assertThat(result).isEqualTo(new AuthResult.Refused(SigV4Verifier.MISMATCH));
        assertThat(CanonicalRequest.asSentUri(v.request.rawPath())).contains("/.");
    }

    /** One vector: the request (as it travels on the wire) and the published creq, sts and authz. */
    private record Vector(GatewayRequest request, String creq, String sts, String authz) {

        static Vector load(String name) throws IOException {
            return new Vector(parseRequest(read(name, "req")), read(name, "creq"), read(name, "sts"),
                    read(name, "authz"));
        }

        GatewayRequest signedRequest() {
            Map<String, List<String>> h = new LinkedHashMap<>(request.headers());
            h.put("authorization", List.of(authz));
            return new GatewayRequest(request.method(), request.rawPath(), request.rawQuery(), h, request.body());
        }

        private static String read(String name, String ext) throws IOException {
            String path = "/sigv4/aws-sig-v4-test-suite/" + name + "/" + name + "." + ext;
            try (InputStream in = SigV4TestSuiteVectorsTest.class.getResourceAsStream(path)) {
                assertThat(in).as(path).isNotNull();
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        /**
         * Parses a suite .req file. Its request line shows the path unencoded (e.g. a space or U+1234); a client puts
         * it on the wire percent-encoded, which is what the gateway sees, so it is encoded here the same way.
         */
        private static GatewayRequest parseRequest(String req) {
            int blank = req.indexOf("\n\n");
            String head = blank < 0 ? req : req.substring(0, blank);
            byte[] body = (blank < 0 ? "" : req.substring(blank + 2)).getBytes(StandardCharsets.UTF_8);
            String[] lines = head.split("\n");
            String requestLine = lines[0];
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = toWire(requestLine.substring(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' ')));
            int q = target.indexOf('?');
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                        k -> new ArrayList<>()).add(lines[i].substring(colon + 1));
            }
            return new GatewayRequest(method, q < 0 ? target : target.substring(0, q),
                    q < 0 ? null : target.substring(q + 1), headers, body);
        }

        private static String toWire(String target) {
            StringBuilder b = new StringBuilder();
            for (byte x : target.getBytes(StandardCharsets.UTF_8)) {
                int c = x & 0xff;
                if (c <= 0x20 || c >= 0x7f) {
                    b.append('%').append(String.format("%02X", c));
                } else {
                    b.append((char) c);
                }
            }
            return b.toString();
        }
    }
}
