package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import org.junit.jupiter.api.Test;

class HeaderHygieneTest {

    private static HttpHeaders hopByHopAndEndToEnd() {
        return new DefaultHttpHeaders()
                .add("Connection", "keep-alive, X-Per-Hop")
                .add("Connection", "x-second-hop")
                .add("Keep-Alive", "timeout=5")
                .add("Proxy-Connection", "keep-alive")
                .add("Proxy-Authenticate", "Basic")
                .add("Proxy-Authorization", "Basic Zm9vOmJhcg==")
                .add("TE", "trailers")
                .add("Trailer", "X-Checksum")
                .add("Transfer-Encoding", "chunked")
                .add("Upgrade", "websocket")
                .add("X-Per-Hop", "dropped")
                .add("X-Second-Hop", "dropped too")
                .add("Content-Type", "application/json")
                .add("Accept", "text/plain")
                .add("Accept", "application/json")
                .add("X-Custom", "kept");
    }

    @Test
    void hopByHopHeadersAndThoseNamedInConnectionAreNotForwardedUpstream() {
        HttpHeaders out = HeaderHygiene.forUpstream(hopByHopAndEndToEnd());

        assertThat(out.names()).map(String::toLowerCase).doesNotContain("connection", "keep-alive", "proxy-connection",
                "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
                "x-per-hop", "x-second-hop");
    }

    @Test
    void hopByHopHeadersAndThoseNamedInConnectionAreNotReturnedToTheCaller() {
        HttpHeaders out = HeaderHygiene.forCaller(hopByHopAndEndToEnd());

        assertThat(out.names()).map(String::toLowerCase).doesNotContain("connection", "keep-alive", "proxy-connection",
                "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade",
                "x-per-hop", "x-second-hop");
    }

    @Test
    void endToEndHeadersAreKeptWithEveryValueInBothDirections() {
        for (HttpHeaders out : new HttpHeaders[] {HeaderHygiene.forUpstream(hopByHopAndEndToEnd()),
                HeaderHygiene.forCaller(hopByHopAndEndToEnd())}) {
            assertThat(out.get("Content-Type")).isEqualTo("application/json");
            assertThat(out.getAll("Accept")).containsExactly("text/plain", "application/json");
            assertThat(out.get("X-Custom")).isEqualTo("kept");
        }
    }

    @Test
    void hostForwardingAndRequestIdHeadersAreRemovedUpstreamBound() {
        HttpHeaders in = new DefaultHttpHeaders()
                .add("Host", "gateway.example:8081")
                .add("X-Forwarded-For", "6.6.6.6")
                .add("X-Forwarded-Proto", "https")
                .add("X-Forwarded-Host", "evil.example")
                .add("Forwarded", "for=6.6.6.6")
                .add("X-Request-Id", "caller-chosen-id")
                .add("Authorization", "Bearer kept-for-now")
                .add("X-Custom", "kept");

        HttpHeaders out = HeaderHygiene.forUpstream(in);

        assertThat(out.names()).map(String::toLowerCase).containsExactlyInAnyOrder("authorization", "x-custom");
    }

    @Test
    void headerNamesAreMatchedCaseInsensitively() {
        HttpHeaders in = new DefaultHttpHeaders()
                .add("CONNECTION", "X-MiXeD")
                .add("x-mixed", "dropped")
                .add("KEEP-ALIVE", "timeout=5")
                .add("host", "h")
                .add("X-REQUEST-ID", "id-12345678");

        assertThat(HeaderHygiene.forUpstream(in).isEmpty()).isTrue();
    }

    @Test
    void theResponseKeepsItsContentLengthAndRepeatedHeaders() {
        HttpHeaders upstream = new DefaultHttpHeaders()
                .add("Content-Length", "12")
                .add("Set-Cookie", "a=1")
                .add("Set-Cookie", "b=2");

        HttpHeaders out = HeaderHygiene.forCaller(upstream);

        assertThat(out.get("Content-Length")).isEqualTo("12");
        assertThat(out.getAll("Set-Cookie")).containsExactly("a=1", "b=2");
    }

    @Test
    void theCallersHeadersAreNotModifiedForTheUpstream() {
        HttpHeaders in = hopByHopAndEndToEnd();
        int before = in.size();

        HeaderHygiene.forUpstream(in);

        assertThat(in.size()).isEqualTo(before);
    }

    @Test
    void theUpstreamsHeadersAreCleanedInPlaceForTheCaller() {
        HttpHeaders upstream = hopByHopAndEndToEnd();

        HttpHeaders out = HeaderHygiene.forCaller(upstream);

        assertThat(out).isSameAs(upstream);
        assertThat(upstream.contains("Connection")).isFalse();
        assertThat(upstream.contains("X-Per-Hop")).isFalse();
    }

    @Test
    void connectionTokensAreSplitOnCommasWithSpacesAroundThem() {
        HttpHeaders upstream = new DefaultHttpHeaders()
                .add("Connection", "close ,X-One,  x-two ,,")
                .add("X-One", "1").add("X-Two", "2").add("X-Three", "3").add("Close", "kept: names no header");

        HeaderHygiene.forCaller(upstream);

        assertThat(upstream.names()).containsExactlyInAnyOrder("X-Three", "Close");
    }
}
