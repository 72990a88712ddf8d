package io.gatehouse.gateway.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Attempts as a JSON array: the {@code attempts} cell of the CSV export, written by hand (no reflection, a few hundred
 * nanoseconds per attempt); and read back with Jackson from the {@code attempts_json} column of rows logged before
 * blocks ({@link LegacyLogRows}). Only the attempt's own fields - never a header or a body.
 */
final class AttemptsJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AttemptsJson() {
    }

    static String write(List<Attempt> attempts, int max) {
        StringBuilder sb = new StringBuilder(64 + 160 * Math.min(attempts.size(), max)).append('[');
        for (int i = 0; i < attempts.size() && i < max; i++) {
            Attempt a = attempts.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"provider\":");
            string(sb, StoredRow.cut(a.provider(), 100));
            sb.append(",\"target\":");
            string(sb, StoredRow.cut(a.target(), 500));
            sb.append(",\"startedAt\":");
            string(sb, a.startedAt() == null ? null : a.startedAt().toString());
            sb.append(",\"latencyMs\":").append(a.latencyMs());
            sb.append(",\"status\":").append(a.status());
            sb.append(",\"errorCode\":");
            string(sb, StoredRow.cut(a.errorCode(), 64));
            sb.append(",\"decision\":");
            string(sb, StoredRow.cut(a.decision(), 500));
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    static List<Attempt> read(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            List<Attempt> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(json)) {
                out.add(new Attempt(text(n, "provider"), text(n, "target"),
                        n.hasNonNull("startedAt") ? Instant.parse(n.get("startedAt").asText()) : null,
                        n.path("latencyMs").asLong(), n.path("status").asInt(), text(n, "errorCode"), text(n, "decision")));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static void string(StringBuilder sb, String value) {
        if (value == null) {
            sb.append("null");
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
