package io.gatehouse.ui.base;

import java.time.Duration;

/** The time ranges the console's lists offer; {@code CUSTOM} uses the From/To pickers of {@link TimeRangeFilter}. */
public enum TimeRange {
    LAST_15_MIN("Last 15 minutes", Duration.ofMinutes(15)),
    LAST_HOUR("Last hour", Duration.ofHours(1)),
    LAST_DAY("Last 24 hours", Duration.ofDays(1)),
    LAST_WEEK("Last 7 days", Duration.ofDays(7)),
    ALL("Any time", null),
    CUSTOM("Custom\u2026", null);

    final String label;
    final Duration span;

    TimeRange(String label, Duration span) {
        this.label = label;
        this.span = span;
    }
}
