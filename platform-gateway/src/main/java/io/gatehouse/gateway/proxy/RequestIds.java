package io.gatehouse.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Keeps a caller's well-formed {@code X-Request-Id}; otherwise makes a random 128-bit one. */
final class RequestIds {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9._:\\-]{8,128}$");

    private RequestIds() {
    }

    static String keepOrCreate(String incoming) {
        if (incoming != null && VALID.matcher(incoming).matches()) {
            return incoming;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        hex(random.nextLong(), id, 0);
        hex(random.nextLong(), id, 16);
        return new String(id);
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    /** Same as {@code String.format("%016x", value)}, without the formatter. */
    private static void hex(long value, char[] into, int offset) {
        for (int i = 15; i >= 0; i--) {
            into[offset + i] = DIGITS[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}
