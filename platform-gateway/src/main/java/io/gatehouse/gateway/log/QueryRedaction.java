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

    private QueryRedaction() {
    }

    static String redact(String query) {
        if (query == null || query.isEmpty()) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length());
        String[] parts = query.split("&", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String part = parts[i];
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            if (eq >= 0 && SENSITIVE.contains(decodedName(name))) {
                out.append(name).append('=').append(REDACTED);
            } else {
                out.append(part);
            }
        }
        return out.toString();
    }

    private static String decodedName(String name) {
        return name.replace("%5F", "_").replace("%5f", "_").replace("%2D", "-").replace("%2d", "-")
                .toLowerCase(Locale.ROOT);
    }
}
