package io.gatehouse.ui.log;

import com.vaadin.flow.component.html.Span;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the log pages write times, statuses and sizes. */
final class LogFormats {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private LogFormats() {
    }

    static String time(Instant instant, ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }

    /** A coloured badge: green 2xx/3xx, amber 4xx, red 5xx. */
    static Span statusBadge(int status) {
        Span badge = new Span(Integer.toString(status));
        String color = status >= 500 ? "error" : status >= 400 ? "warning" : "success";
        badge.getStyle().set("background", "var(--lumo-" + color + "-color-10pct, #eee)")
                .set("color", "var(--lumo-" + color + "-text-color, #333)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "0 0.5em").set("font-weight", "600").set("font-size", "var(--lumo-font-size-s)");
        badge.getElement().setAttribute("data-status", Integer.toString(status));
        return badge;
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
}
