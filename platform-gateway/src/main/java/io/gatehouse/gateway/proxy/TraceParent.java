package io.gatehouse.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context for upstream requests: a valid incoming {@code traceparent} keeps its trace id and flags and
 * gets the gateway's own parent id (the gateway is a hop in the trace); a missing or invalid one is replaced by a
 * new trace. {@code tracestate} passes through untouched.
 */
final class TraceParent {
    static final String HEADER = "traceparent";

    private TraceParent() {
    }

    static String forUpstream(String incoming) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] out = new char[55];
        if (isValid(incoming)) {
            incoming.getChars(0, 55, out, 0);
        } else {
            "00-".getChars(0, 3, out, 0);
            HexDigits.write(random.nextLong() | 1L, out, 3);
            HexDigits.write(random.nextLong(), out, 19);
            out[35] = '-';
            out[52] = '-';
            out[53] = '0';
            out[54] = '1';
        }
        HexDigits.write(random.nextLong() | 1L, out, 36);
        return new String(out);
    }

    /** Version 00 layout: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}, ids not all zero. */
    static boolean isValid(String value) {
        if (value == null || value.length() != 55 || !value.startsWith("00-") || value.charAt(35) != '-'
                || value.charAt(52) != '-') {
            return false;
        }
        for (int i = 3; i < 55; i++) {
            if (i != 35 && i != 52 && Character.digit(value.charAt(i), 16) < 0 | Character.isUpperCase(value.charAt(i))) {
                return false;
            }
        }
        return !allZeros(value, 3, 35) && !allZeros(value, 36, 52);
    }

    private static boolean allZeros(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
