package io.gatehouse.auth.authn.sigv4;

import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.AK;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.SK;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.aksk;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.lookup;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.Hashes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SigV4SignerRoundTripTest {
    private static final Instant NOW = Instant.parse("2026-03-14T09:26:53Z");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET|http://gw.example.com/acme/echo",
            "GET|https://gw.example.com:8443/acme/echo/?a=1&a=0&b",
            "POST|http://127.0.0.1:8081/acme/echo/items?z=%2F&y=a+b&x=%7E",
            "PUT|http://gw.example.com:8081/acme/files/r%C3%A9sum%C3%A9%20v2.txt",
            "PATCH|http://gw.example.com:80/acme/echo/\u20ac?name=\u20ac",
            "DELETE|http://gw.example.com/acme/a/./b/../c?",
    })
    void whatTheSignerSignsTheVerifierAccepts(String method, String url) {
        byte[] body = method.equals("GET") || method.equals("DELETE") ? null
                : "payload \u00e9".getBytes(StandardCharsets.UTF_8);
        Map<String, String> extra = Map.of("Content-Type", "application/json; charset=utf-8", "X-Trace", " a   b ");
        Map<String, String> added = SigV4Signer.sign(method, url, extra, body, AK, SK, "eu-west-3", "gateway", NOW);

        Map<String, String> all = new LinkedHashMap<>(extra);
        all.putAll(added);
        String onTheWire = java.net.URI.create(url).toASCIIString();
        AuthResult result = new SigV4Verifier(Duration.ofSeconds(300), "gateway")
                .verify(SigV4Fixtures.request(method, onTheWire, all, body), lookup(aksk(AK, SK)), NOW);
        assertThat(result).isInstanceOf(AuthResult.Verified.class);
    }

    @Test
    void theSignerReturnsAuthorizationDateAndContentHash() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = SigV4Signer.sign("POST", "http://gw.example.com/acme/echo", Map.of(), body, AK,
                SK, "us-east-1", "gateway", NOW);
        assertThat(headers).containsOnlyKeys("Authorization", "X-Amz-Date", "X-Amz-Content-Sha256");
        assertThat(headers.get("X-Amz-Date")).isEqualTo("20260314T092653Z");
        assertThat(headers.get("X-Amz-Content-Sha256")).isEqualTo(Hashes.sha256Hex(body));
        assertThat(headers.get("Authorization")).matches("AWS4-HMAC-SHA256 Credential=" + AK
                + "/20260314/us-east-1/gateway/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date,"
                + " Signature=[0-9a-f]{64}");
    }

    @Test
    void theSignerReproducesAwsGetVanilla() {
        Map<String, String> headers = SigV4Signer.sign("GET", "https://example.amazonaws.com/", Map.of(), null,
                "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service",
                Instant.parse("2015-08-30T12:36:00Z"));
        // the signer also signs x-amz-content-sha256, so the signature differs from the suite's; the scope matches
        assertThat(headers.get("Authorization"))
                .startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,");
        assertThat(headers.get("X-Amz-Content-Sha256"))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void theSignerUsesACallerSuppliedHostHeader() {
        Map<String, String> headers = SigV4Signer.sign("GET", "http://10.0.0.5:8081/acme/echo",
                Map.of("Host", "api.acme.test"), null, AK, SK, "us-east-1", "gateway", NOW);
        Map<String, String> all = new LinkedHashMap<>(headers);
        var request = SigV4Fixtures.withHeader(SigV4Fixtures.request("GET", "http://10.0.0.5:8081/acme/echo", all,
                null), "host", "api.acme.test");
        assertThat(new SigV4Verifier(Duration.ofSeconds(300), "gateway").verify(request, lookup(aksk(AK, SK)), NOW))
                .isInstanceOf(AuthResult.Verified.class);
    }
}
