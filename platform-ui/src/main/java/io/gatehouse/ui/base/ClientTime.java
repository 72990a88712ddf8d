package io.gatehouse.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.function.SerializableConsumer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the person reading the console sees them: in the browser's time zone, to the millisecond. */
public final class ClientTime {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private ClientTime() {
    }

    /**
     * Each time {@code view} is attached, asks the browser for its time zone and hands it to {@code then} (UTC when the
     * browser cannot tell).
     */
    public static void followZone(Component view, SerializableConsumer<ZoneId> then) {
        view.addAttachListener(event -> retrieveZone(event.getUI(), then));
    }

    private static void retrieveZone(UI ui, SerializableConsumer<ZoneId> then) {
        ui.getPage().retrieveExtendedClientDetails(d -> {
            ZoneId zone;
            try {
                zone = ZoneId.of(d.getTimeZoneId());
            } catch (DateTimeException | NullPointerException e) {
                zone = ZoneOffset.UTC;
            }
            then.accept(zone);
        });
    }

    public static String format(Instant instant, ZoneId zone) {
        return instant == null ? "" : TIME.format(instant.atZone(zone));
    }
}
