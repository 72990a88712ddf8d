package io.gatehouse.gateway.route;

import java.util.Arrays;
import java.util.List;

/** Comma-separated storage of short lists whose items never contain a comma (validated before storing). */
final class Csv {
    private Csv() {
    }

    static String join(List<String> items) {
        return String.join(",", items);
    }

    static List<String> split(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(stored.split(","));
    }
}
