package io.gatehouse.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.select.Select;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * The time filter of the console's lists (request log, audit trail): a range that ends now, or "Custom" with From and
 * To pickers read in the browser's time zone. Its fields go into the page's filter bar.
 */
public final class TimeRangeFilter {
    /** From (inclusive) and to (exclusive); null = open on that side. */
    public record Window(Instant from, Instant to) {
    }

    private final Select<TimeRange> range = new Select<>();
    private final DateTimePicker from = new DateTimePicker("From");
    private final DateTimePicker to = new DateTimePicker("To");

    /** Fields with ids {@code <idPrefix>-range}, {@code -from} and {@code -to}; {@code onChange} runs on any change. */
    public TimeRangeFilter(String idPrefix, TimeRange initial, Runnable onChange) {
        range.setLabel("Time");
        range.setId(idPrefix + "-range");
        range.setItems(TimeRange.values());
        range.setItemLabelGenerator(r -> r.label);
        range.setValue(initial);
        from.setId(idPrefix + "-from");
        to.setId(idPrefix + "-to");
        from.setVisible(initial == TimeRange.CUSTOM);
        to.setVisible(initial == TimeRange.CUSTOM);
        range.addValueChangeListener(e -> {
            boolean custom = e.getValue() == TimeRange.CUSTOM;
            from.setVisible(custom);
            to.setVisible(custom);
            onChange.run();
        });
        from.addValueChangeListener(e -> onChange.run());
        to.addValueChangeListener(e -> onChange.run());
    }

    public Component[] fields() {
        return new Component[] {range, from, to};
    }

    /** The window as set now; null when a custom From is not before To (which is then shown on To). */
    public Window window(Instant now, ZoneId zone) {
        TimeRange r = range.getValue() == null ? TimeRange.ALL : range.getValue();
        if (r.span != null) {
            return new Window(now.minus(r.span), null);
        }
        if (r != TimeRange.CUSTOM) {
            return new Window(null, null);
        }
        Instant fromTime = at(from.getValue(), zone);
        Instant toTime = at(to.getValue(), zone);
        boolean badOrder = fromTime != null && toTime != null && !fromTime.isBefore(toTime);
        to.setInvalid(badOrder);
        to.setErrorMessage("must be after From");
        return badOrder ? null : new Window(fromTime, toTime);
    }

    private static Instant at(LocalDateTime time, ZoneId zone) {
        return time == null ? null : time.atZone(zone).toInstant();
    }
}
