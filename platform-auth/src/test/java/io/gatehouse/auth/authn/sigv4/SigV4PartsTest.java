package io.gatehouse.auth.authn.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small pieces: header parser, canonical query/URI/headers, dates. */
class SigV4PartsTest {
    private static final String SIG = "a".repeat(64);

    @Test
    void theAuthorizationHeaderParsesIntoItsParts() throws Refusal {
        AuthorizationHeader h = AuthorizationHeader.parse("AWS4-HMAC-SHA256 Credential=AK1/20260314/eu-west-1/gateway"
                + "/aws4_request,SignedHeaders=host;x-amz-date,Signature=" + SIG.toUpperCase());
        assertThat(h.accessKey()).isEqualTo("AK1");
        assertThat(h.date()).isEqualTo("20260314");
        assertThat(h.region()).isEqualTo("eu-west-1");
        assertThat(h.service()).isEqualTo("gateway");
        assertThat(h.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(h.signature()).isEqualTo(SIG);
        assertThat(h.scope()).isEqualTo("20260314/eu-west-1/gateway/aws4_request");
    }

    @Test
    void malformedAuthorizationHeadersAreRefusedWithSpecificReasons() {
        String cred = "Credential=AK/20260314/us-east-1/gateway/aws4_request";
        Map<String, String> cases = Map.ofEntries(
                Map.entry("", "missing Authorization header"),
                Map.entry("Basic dXNlcjpwdw==", "unsupported Authorization scheme 'Basic'"),
                Map.entry("AWS4-HMAC-SHA256", "Credential is missing"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + ", Signature=" + SIG, "SignedHeaders is missing"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + ", " + cred + ", SignedHeaders=host, Signature=" + SIG,
                        "Credential appears twice"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=xyz", "malformed Signature"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=Host;x-amz-date, Signature=" + SIG,
                        "'Host' is not a lower-case header name"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;;x-amz-date, Signature=" + SIG,
                        "malformed SignedHeaders"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;host, Signature=" + SIG,
                        "'host' is listed twice"),
                Map.entry("AWS4-HMAC-SHA256 Credential=AK/20260314/us-east-1/gateway, SignedHeaders=host, Signature="
                        + SIG, "got 4 '/'-separated parts"),
                Map.entry("AWS4-HMAC-SHA256 Credential=AK/2026-03-14/us-east-1/gateway/aws4_request, SignedHeaders="
                        + "host, Signature=" + SIG, "is not yyyymmdd"),
                Map.entry("AWS4-HMAC-SHA256 Credential=AK/20260314/us-east-1/gateway/aws5_request, SignedHeaders="
                        + "host, Signature=" + SIG, "must end with '/aws4_request'"),
                Map.entry("AWS4-HMAC-SHA256 Credential=/20260314/us-east-1/gateway/aws4_request, SignedHeaders="
                        + "host, Signature=" + SIG, "access key is empty"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature=" + SIG + ", Foo=bar",
                        "unknown component 'Foo'"),
                Map.entry("AWS4-HMAC-SHA256 " + cred + " SignedHeaders=host Signature=" + SIG, "malformed"));
        cases.forEach((header, expected) -> assertThatThrownBy(() -> AuthorizationHeader.parse(header)).as(header)
                .isInstanceOf(Refusal.class).hasMessageContaining(expected));
    }

    @Test
    void theCanonicalQueryDecodesReencodesAndSorts() {
        assertThat(CanonicalRequest.canonicalQuery(null)).isEmpty();
        assertThat(CanonicalRequest.canonicalQuery("")).isEmpty();
        assertThat(CanonicalRequest.canonicalQuery("b=2&a=1&a=0")).isEqualTo("a=0&a=1&b=2");
        assertThat(CanonicalRequest.canonicalQuery("flag&x=")).isEqualTo("flag=&x=");
        assertThat(CanonicalRequest.canonicalQuery("y=%7e&z=a%20b&w=a+b&v=%2f&u=%e2%82%ac"))
                .isEqualTo("u=%E2%82%AC&v=%2F&w=a%2Bb&y=~&z=a%20b");
        assertThat(CanonicalRequest.canonicalQuery("a=%zz&b=%4&c=100%")).isEqualTo("a=%25zz&b=%254&c=100%25");
        assertThat(CanonicalRequest.canonicalQuery("q=\u00fc&&")).isEqualTo("q=%C3%BC");
        assertThat(CanonicalRequest.canonicalQuery("a=1=2")).isEqualTo("a=1%3D2");
    }

    @Test
    void sortingIsByEncodedNameThenValueInByteOrder() {
        assertThat(CanonicalRequest.canonicalQuery("a_b=1&a-b=1&A=1&a=1&a.b=1&a~=1"))
                .isEqualTo("A=1&a=1&a-b=1&a.b=1&a_b=1&a~=1");
    }

    @Test
    void theUriIsSignedAsSentOrEncodedOnceMore() {
        assertThat(CanonicalRequest.asSentUri(null)).isEqualTo("/");
        assertThat(CanonicalRequest.asSentUri("")).isEqualTo("/");
        assertThat(CanonicalRequest.asSentUri("/a/../b%20c")).isEqualTo("/a/../b%20c");
        assertThat(CanonicalRequest.doubleEncodedUri("/a/../b%20c/d%2Fe")).isEqualTo("/a/../b%2520c/d%252Fe");
        assertThat(CanonicalRequest.doubleEncodedUri("/plain-path_1.~")).isEqualTo("/plain-path_1.~");
        assertThat(CanonicalRequest.doubleEncodedUri("/\u1234 x")).isEqualTo("/%E1%88%B4%20x");
    }

    @Test
    void canonicalHeadersFollowTheSignedOrderAndTrimValues() throws Refusal {
        Map<String, List<String>> headers = Map.of("host", List.of(" h.example "), "x-a", List.of("1  2", "\t3 "),
                "x-b", List.of(""));
        assertThat(CanonicalRequest.canonicalHeaders(headers, List.of("host", "x-a", "x-b")))
                .isEqualTo("host:h.example\nx-a:1 2,3\nx-b:\n");
        assertThatThrownBy(() -> CanonicalRequest.canonicalHeaders(headers, List.of("host", "x-c")))
                .isInstanceOf(Refusal.class).hasMessageContaining("'x-c' is not in the request");
    }

    @Test
    void uriEncodingKeepsOnlyUnreservedCharacters() {
        String all = "AZaz09-_.~ !\"#$%&'()*+,/:;<=>?@[\\]^`{|}";
        assertThat(CanonicalRequest.uriEncode(all.getBytes(StandardCharsets.UTF_8), false))
                .isEqualTo("AZaz09-_.~%20%21%22%23%24%25%26%27%28%29%2A%2B%2C%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E%60"
                        + "%7B%7C%7D");
    }

    @Test
    void theAmzDateRoundTripsAndSkewIsDescribedInWords() throws Refusal {
        Instant t = Instant.parse("2015-08-30T12:36:00Z");
        assertThat(AmzDate.format(t)).isEqualTo("20150830T123600Z");
        assertThat(AmzDate.parse("20150830T123600Z")).isEqualTo(t);
        assertThat(AmzDate.inWords(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(AmzDate.inWords(Duration.ofSeconds(61))).isEqualTo("1 minute 1 second");
        assertThat(AmzDate.inWords(Duration.ofMinutes(20))).isEqualTo("20 minutes");
        assertThat(AmzDate.inWords(Duration.ofHours(3))).isEqualTo("3 hours");
        assertThat(AmzDate.inWords(Duration.ofDays(400))).isEqualTo("400 days");
        assertThatThrownBy(() -> AmzDate.parse("20150230T123600Z")).isInstanceOf(Refusal.class);
        assertThatThrownBy(() -> AmzDate.parse("20150830T246000Z")).isInstanceOf(Refusal.class);
    }
}
