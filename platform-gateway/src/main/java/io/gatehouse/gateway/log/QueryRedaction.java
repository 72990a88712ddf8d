package io.gatehouse.gateway.log;

import java.util.Locale;
import java.util.Set;

/**
 * Blanks the values of query parameters that usually carry a secret ({@code api_key}, {@code token},
 * {@code X-Amz-Signature}...) before a query string is stored: the log keeps the parameter names, never the value.
 */
final class QueryRedaction {
    static final String REDACTED = "REDACTED";
    private static final Set<String> SENSITIVE = Set.of("api_key", "apikey", "api-key", "key", "token", "access_token",
            "id_token", "refresh_token", "auth", "authorization", "password", "passwd", "pwd", "secret",
            "client_secret", "signature", "sig", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
            "jwt", "session", "sessionid", "code");
    private static final int MAX_NAME_LENGTH = 3 * SENSITIVE.stream().mapToInt(String::length).max().orElse(0);

    private QueryRedaction() {
    }

    /** The query with sensitive values blanked; the same string when it has none (the usual case, no copy). */
    static String redact(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = null;
        int length = query.length();
        for (int start = 0; start <= length; ) {
            int end = query.indexOf('&', start);
            end = end < 0 ? length : end;
            int eq = query.indexOf('=', start);
            if (eq >= 0 && eq < end && isSensitive(query, start, eq)) {
                if (out == null) {
                    out = new StringBuilder(length).append(query, 0, start);
                }
                out.append(query, start, eq + 1).append(REDACTED);
            } else if (out != null) {
                out.append(query, start, end);
            }
            if (out != null && end < length) {
                out.append('&');
            }
            start = end + 1;
        }
        return out == null ? query : out.toString();
    }

    private static boolean isSensitive(String query, int nameStart, int nameEnd) {
        // the longest sensitive name, with each '_' or '-' percent-encoded, still fits
        return nameEnd - nameStart <= MAX_NAME_LENGTH
                && SENSITIVE.contains(decodedName(query.substring(nameStart, nameEnd)));
    }

    private static String decodedName(String name) {
        if (name.indexOf('%') < 0) {
            return name.toLowerCase(Locale.ROOT);
        }
        return name.replace("%5F", "_").replace("%5f", "_").replace("%2D", "-").replace("%2d", "-")
                .toLowerCase(Locale.ROOT);
    }
}
