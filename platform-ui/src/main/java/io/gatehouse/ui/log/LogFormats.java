package io.gatehouse.ui.log;

import com.vaadin.flow.component.html.Span;

/** How the log pages write statuses and sizes (times: {@link io.gatehouse.ui.base.ClientTime}). */
final class LogFormats {
    private LogFormats() {
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
