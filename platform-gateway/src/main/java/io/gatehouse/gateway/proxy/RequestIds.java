package io.gatehouse.gateway.proxy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Keeps a caller's well-formed {@code X-Request-Id}; otherwise makes a time-ordered one (48-bit ms + 80 random bits). */
final class RequestIds {
    private static final Pattern VALID = Pattern.compile("^[A-Za-z0-9._:\\-]{8,128}$");

    private RequestIds() {
    }

    static String keepOrCreate(String incoming) {
        if (incoming != null && VALID.matcher(incoming).matches()) {
            return incoming;
        }
        // 48 bits of milliseconds, then 80 random bits: still 32 hex characters, but ids made later sort later, so the
        // request log's request-id index grows at its end instead of being rewritten at random places (H2 file
        // storage writes every touched page again; random keys made that index the log writer's main cost)
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        HexDigits.write(System.currentTimeMillis() << 16 | random.nextInt(0x10000), id, 0);
        HexDigits.write(random.nextLong(), id, 16);
        return new String(id);
    }
}
