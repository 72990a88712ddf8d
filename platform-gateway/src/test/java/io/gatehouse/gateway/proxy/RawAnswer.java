package io.gatehouse.gateway.proxy;

import java.nio.charset.StandardCharsets;

/**
 * An answer as a {@link RawCaller} read it.
 *
 * @param head the status line and header lines, without the empty line that ends them
 * @param body the body with its framing removed
 * @param raw every byte read for this answer, framing included
 */
record RawAnswer(String head, byte[] body, byte[] raw) {
    int status() {
        return Integer.parseInt(head.split(" ", 3)[1]);
    }

    /** The first value of a header, by case-insensitive name; null when absent. */
    String header(String name) {
        return RecordedRequest.header(head, name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    String rawText() {
        return new String(raw, StandardCharsets.ISO_8859_1);
    }
}
