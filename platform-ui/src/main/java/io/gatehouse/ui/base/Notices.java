package io.gatehouse.ui.base;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

/** Short confirmations and errors shown at the bottom of the page. */
public final class Notices {
    private Notices() {
    }

    public static void success(String message) {
        Notification notification = Notification.show(message, 3_000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    /** Stays until closed or for 10 s, so there is time to read what went wrong. */
    public static void error(String message) {
        Notification notification = Notification.show(message, 10_000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }
}
