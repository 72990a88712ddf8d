package io.gatehouse.gateway.upstream;

import java.util.regex.Pattern;

/** Recognises host strings that are (or try to be) IP literals, so they are never sent to DNS. */
final class IpLiteral {
    private static final Pattern DOTTED_QUAD = Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
            + "(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");
    private static final Pattern NUMERIC_HOST = Pattern.compile("^(0x[0-9a-fA-F]+|\\d+)(\\.(0x[0-9a-fA-F]+|\\d+)){0,3}$");

    private IpLiteral() {
    }

    static boolean looksLikeIpLiteral(String host) {
        return DOTTED_QUAD.matcher(host).matches() || host.contains(":");
    }

    /**
     * Hosts like {@code 2130706433}, {@code 0177.0.0.1} or {@code 0x7f.1} that some resolvers read as IPv4 but are
     * not canonical dotted quads: refused outright so that no spelling slips past the address check.
     */
    static boolean isNonCanonicalNumericHost(String host) {
        return NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches();
    }
}
