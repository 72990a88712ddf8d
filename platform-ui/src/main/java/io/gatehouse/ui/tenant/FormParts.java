package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextArea;

/** Labels for groups of fields that are not one Vaadin field (rows, sections), styled like field labels. */
final class FormParts {
    private FormParts() {
    }

    static Span groupLabel(String text) {
        Span label = new Span(text);
        label.getStyle().set("font-size", "var(--lumo-font-size-s)").set("font-weight", "500")
                .set("color", "var(--lumo-secondary-text-color)");
        return label;
    }

    static Span groupHelp(String text) {
        Span help = new Span(text);
        help.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        return help;
    }

    /** Shows what is typed into a text area in a monospace font, leaving its label and helper text as they are. */
    static void monospaceInput(TextArea area) {
        area.addAttachListener(e -> area.getElement().executeJs(
                "if (this.inputElement) { this.inputElement.style.fontFamily = "
                        + "'var(--lumo-font-family-monospace, monospace)'; }"));
    }

    static H4 section(String text) {
        H4 heading = new H4(text);
        heading.getStyle().set("margin", "var(--lumo-space-s) 0 0 0");
        return heading;
    }
}
