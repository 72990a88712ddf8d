package io.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 section 7.6.1), and any header the
 * {@code Connection} header names, are per-connection and never forwarded in either direction.
 */
final class HeaderHygiene {
    static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade");

    private HeaderHygiene() {
    }

    /** Caller headers minus hop-by-hop, {@code Host} (the client sets the target's) and gateway-owned headers. */
    static HttpHeaders forUpstream(HttpHeaders incoming) {
        HttpHeaders out = copyWithoutHopByHop(incoming);
        out.remove(HttpHeaderNames.HOST);
        out.remove("x-request-id");
        out.remove("x-forwarded-for");
        out.remove("x-forwarded-proto");
        out.remove("x-forwarded-host");
        out.remove("forwarded");
        out.remove("x-gatehouse-credential");
        out.remove(ConsoleTestKey.HEADER);
        return out;
    }

    /** Upstream response headers minus hop-by-hop ones; framing is re-done by the gateway. */
    static HttpHeaders forCaller(HttpHeaders upstream) {
        return copyWithoutHopByHop(upstream);
    }

    private static HttpHeaders copyWithoutHopByHop(HttpHeaders source) {
        Set<String> drop = new HashSet<>(HOP_BY_HOP);
        for (String value : source.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                drop.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        HttpHeaders out = new DefaultHttpHeaders();
        for (Map.Entry<String, String> header : source) {
            if (!drop.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                out.add(header.getKey(), header.getValue());
            }
        }
        return out;
    }
}
