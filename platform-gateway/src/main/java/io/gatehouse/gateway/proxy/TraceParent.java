package io.gatehouse.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;

/**
 * W3C Trace Context for upstream requests: a valid incoming {@code traceparent} keeps its trace id and flags and
 * gets the gateway's own parent id (the gateway is a hop in the trace); a missing or invalid one is replaced by a
 * new trace. {@code tracestate} passes through untouched.
 */
final class TraceParent {
    static final String HEADER = "traceparent";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private TraceParent() {
    }

    static String forUpstream(String incoming) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (isValid(incoming)) {
            return incoming.substring(0, 36) + hex(random.nextLong()) + incoming.substring(52, 55);
        }
        return "00-" + hex(random.nextLong() | 1L) + hex(random.nextLong()) + "-" + hex(random.nextLong() | 1L) + "-01";
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
        return !value.substring(3, 35).equals("0".repeat(32)) && !value.substring(36, 52).equals("0".repeat(16));
    }

    private static String hex(long value) {
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(out);
    }
}
