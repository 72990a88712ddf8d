package io.gatehouse.ui.tenant;

import io.gatehouse.gateway.log.Attempt;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How the route test result is worded: pure functions, tested without Vaadin. */
final class TestFormats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private TestFormats() {
    }

    /** Lumo badge theme for a status: success for 2xx/3xx, error for 5xx and no answer, contrast for 4xx. */
    static String statusTheme(int status) {
        if (status >= 200 && status < 400) {
            return "badge success";
        }
        return status >= 400 && status < 500 ? "badge contrast" : "badge error";
    }

    /** From the X-Gateway-Attempts header: "1 attempt", "3 attempts", or "attempts: ?" when absent. */
    static String attempts(String header) {
        if (header == null || header.isBlank()) {
            return "attempts: ?";
        }
        try {
            return Formats.count(Integer.parseInt(header.strip()), "attempt");
        } catch (NumberFormatException e) {
            return "attempts: " + header.strip();
        }
    }

    /** "gateway 120 ms, upstream 5 ms" from the latency headers; empty when neither is there. */
    static String latencies(Map<String, String> headers) {
        List<String> parts = new ArrayList<>();
        if (headers.get("x-gateway-latency") != null) {
            parts.add("gateway " + headers.get("x-gateway-latency") + " ms");
        }
        if (headers.get("x-upstream-latency") != null) {
            parts.add("upstream " + headers.get("x-upstream-latency") + " ms");
        }
        return String.join(", ", parts);
    }

    /** An attempt's outcome: the upstream status, the error code, or both ("503", "upstream_reset"). */
    static String outcome(Attempt attempt) {
        String status = attempt.status() > 0 ? String.valueOf(attempt.status()) : "";
        String error = attempt.errorCode() == null ? "" : attempt.errorCode();
        if (!status.isEmpty() && !error.isEmpty()) {
            return status + " " + error;
        }
        return status.isEmpty() ? (error.isEmpty() ? "-" : error) : status;
    }

    static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
