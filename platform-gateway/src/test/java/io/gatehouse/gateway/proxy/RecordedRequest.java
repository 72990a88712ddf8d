package io.gatehouse.gateway.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A request as a {@link ScriptedUpstream} read it: the head as text and the body decoded from its framing. */
record RecordedRequest(String head, byte[] body) {

    String requestLine() {
        return head.split("\r\n", 2)[0];
    }

    /** The first value of a header, null when absent. */
    String header(String name) {
        return header(head, name);
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static String header(String head, String name) {
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT)
                    .equals(name.toLowerCase(Locale.ROOT))) {
                return lines[i].substring(colon + 1).trim();
            }
        }
        return null;
    }
}
