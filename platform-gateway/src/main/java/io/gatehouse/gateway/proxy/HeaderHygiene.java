package io.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Which headers cross the gateway. Hop-by-hop headers (RFC 9110 section 7.6.1), and any header the
 * {@code Connection} header names, are per-connection and never forwarded in either direction.
 */
final class HeaderHygiene {
    private static final List<AsciiString> HOP_BY_HOP = Stream.of("connection", "keep-alive", "proxy-connection",
            "proxy-authenticate", "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade")
            .map(AsciiString::cached).toList();
    /** Hop-by-hop headers, {@code Host} (the client sets the target's) and the headers the gateway itself sets. */
    private static final List<AsciiString> NOT_FOR_UPSTREAM = Stream.concat(HOP_BY_HOP.stream(), Stream.of(
                    HttpHeaderNames.HOST, HeaderNames.X_REQUEST_ID, HeaderNames.X_FORWARDED_FOR,
                    HeaderNames.X_FORWARDED_PROTO, HeaderNames.X_FORWARDED_HOST, HeaderNames.FORWARDED,
                    HeaderNames.X_GATEHOUSE_CREDENTIAL, HeaderNames.X_GATEHOUSE_CONSOLE_TEST))
            .toList();
    /**
     * Names and values are not validated again: the listener's and the client's decoders did when they parsed them,
     * and the gateway's own names are constants.
     */
    private static final DefaultHttpHeadersFactory UNVALIDATED = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValueValidation(false);

    private HeaderHygiene() {
    }

    /** Caller headers minus hop-by-hop, {@code Host} and gateway-owned headers. */
    static HttpHeaders forUpstream(HttpHeaders incoming) {
        return copyWithout(incoming, NOT_FOR_UPSTREAM);
    }

    /**
     * Upstream response headers minus hop-by-hop ones, removed in place (the answer's head is the gateway's own and
     * read no more); framing is re-done by the gateway.
     */
    static HttpHeaders forCaller(HttpHeaders upstream) {
        List<AsciiString> named = connectionNamed(upstream);
        for (AsciiString hopByHop : HOP_BY_HOP) {
            upstream.remove(hopByHop);
        }
        if (named != null) {
            named.forEach(upstream::remove);
        }
        return upstream;
    }

    private static HttpHeaders copyWithout(HttpHeaders source, List<AsciiString> dropped) {
        List<AsciiString> named = connectionNamed(source);
        HttpHeaders out = UNVALIDATED.newHeaders();
        Iterator<Map.Entry<CharSequence, CharSequence>> entries = source.iteratorCharSequence();
        while (entries.hasNext()) {
            Map.Entry<CharSequence, CharSequence> header = entries.next();
            CharSequence name = header.getKey();
            if (!isAnyOf(name, dropped) && (named == null || !isAnyOf(name, named))) {
                out.add(name, header.getValue());
            }
        }
        return out;
    }

    /**
     * The extra per-hop headers the {@code Connection} header names, lower case; null when it names none. The usual
     * values, {@code keep-alive} and {@code close}, name no other header and cost no allocation.
     */
    private static List<AsciiString> connectionNamed(HttpHeaders source) {
        if (!source.contains(HttpHeaderNames.CONNECTION)) {
            return null;
        }
        List<AsciiString> named = null;
        for (String value : source.getAll(HttpHeaderNames.CONNECTION)) {
            int start = 0;
            while (start <= value.length()) {
                int comma = value.indexOf(',', start);
                int end = comma < 0 ? value.length() : comma;
                int from = start;
                int to = end;
                while (from < to && Character.isWhitespace(value.charAt(from))) {
                    from++;
                }
                while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
                    to--;
                }
                if (to > from && !isToken(value, from, to, "keep-alive") && !isToken(value, from, to, "close")) {
                    if (named == null) {
                        named = new ArrayList<>(2);
                    }
                    named.add(AsciiString.of(value.substring(from, to).toLowerCase(Locale.ROOT)));
                }
                start = end + 1;
            }
        }
        return named;
    }

    private static boolean isToken(String value, int from, int to, String token) {
        return to - from == token.length() && value.regionMatches(true, from, token, 0, token.length());
    }

    /** {@code names.contains(name.toLowerCase())} without allocating. */
    private static boolean isAnyOf(CharSequence name, List<AsciiString> names) {
        for (AsciiString candidate : names) {
            if (candidate.length() == name.length() && candidate.contentEqualsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }
}
