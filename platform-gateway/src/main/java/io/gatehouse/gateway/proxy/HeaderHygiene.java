package io.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.HashSet;
import java.util.Iterator;
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
    private static final AsciiString[] HOP_BY_HOP_ASCII = HOP_BY_HOP.stream().map(AsciiString::of)
            .toArray(AsciiString[]::new);
    private static final DefaultHttpHeadersFactory UNVALIDATED = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValueValidation(false);

    private HeaderHygiene() {
    }

    /** Caller headers minus hop-by-hop, {@code Host} (the client sets the target's) and gateway-owned headers. */
    static HttpHeaders forUpstream(HttpHeaders incoming) {
        HttpHeaders out = copyWithoutHopByHop(incoming, true);
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

    /**
     * Upstream response headers minus hop-by-hop ones; framing is re-done by the gateway. Names and values are not
     * validated again: the client's decoder already did when it parsed them.
     */
    static HttpHeaders forCaller(HttpHeaders upstream) {
        return copyWithoutHopByHop(upstream, false);
    }

    private static HttpHeaders copyWithoutHopByHop(HttpHeaders source, boolean validate) {
        Set<String> named = null; // extra per-hop headers the Connection header names, lower case
        for (String value : source.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                if (named == null) {
                    named = new HashSet<>();
                }
                named.add(token.strip().toLowerCase(Locale.ROOT));
            }
        }
        HttpHeaders out = validate ? new DefaultHttpHeaders() : UNVALIDATED.newHeaders();
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = source.iteratorCharSequence();
        while (entries.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = entries.next();
            CharSequence name = header.getKey();
            if (!isHopByHop(name) && (named == null || !named.contains(name.toString().toLowerCase(Locale.ROOT)))) {
                out.add(name, header.getValue());
            }
        }
        return out;
    }

    /** {@code HOP_BY_HOP.contains(name.toLowerCase())} without allocating. */
    private static boolean isHopByHop(CharSequence name) {
        for (AsciiString hop : HOP_BY_HOP_ASCII) {
            if (hop.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
