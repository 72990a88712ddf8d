package io.gatehouse.ui.base;

import com.vaadin.flow.component.html.Span;

/** A small rounded label for a state or a role in a grid cell. */
public final class Badge {
    private Badge() {
    }

    /** @param tone a Lumo colour: {@code success}, {@code error}, {@code primary} or {@code contrast} */
    public static Span of(String text, String tone) {
        Span badge = new Span(text);
        badge.getStyle().set("display", "inline-block").set("padding", "0 var(--lumo-space-s)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("font-size", "var(--lumo-font-size-xs)")
                .set("font-weight", "600").set("line-height", "1.6")
                .set("color", "var(--lumo-" + tone + "-text-color, var(--lumo-body-text-color))")
                .set("background", "var(--lumo-" + tone + "-color-10pct, var(--lumo-contrast-10pct))");
        return badge;
    }
}
