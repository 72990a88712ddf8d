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
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }
}
