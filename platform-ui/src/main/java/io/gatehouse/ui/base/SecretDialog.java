package io.gatehouse.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows a secret once (a generated password, a key, a token) with copy buttons and ready-to-run code. The secret lives
 * only in this dialog's components: only its done button closes it, and closing it (or leaving the page) clears and
 * removes them, so nothing in the view or the session keeps the secret.
 */
public class SecretDialog extends Dialog {
    private final List<TextField> values = new ArrayList<>();
    private final VerticalLayout content = new VerticalLayout();
    private boolean discarded;

    public SecretDialog(String id, String title, String doneId, String doneText) {
        setId(id);
        setHeaderTitle(title);
        setWidth("min(52rem, 95vw)");
        setModal(true);
        // Closing loses the secret for good, so only the explicit button closes.
        setCloseOnEsc(false);
        setCloseOnOutsideClick(false);
        content.setPadding(false);
        add(content);

        Button done = new Button(doneText, e -> discard());
        done.setId(doneId);
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                discard();
            }
        });
        // Leaving the page detaches the dialog with the view; the values go, even though no button was pressed.
        addDetachListener(e -> values.forEach(TextField::clear));
    }

    /** Adds parts below those already shown. */
    public void show(Component... parts) {
        content.add(parts);
    }

    /** A banner above the secret: {@code alarming} (red) for "shown once", neutral otherwise. */
    public static Component warning(String id, String text, boolean alarming) {
        Div warning = new Div();
        warning.setId(id);
        warning.add(VaadinIcon.WARNING.create());
        warning.add(new Div(text));
        warning.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "center")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", alarming ? "var(--lumo-error-color-10pct)" : "var(--lumo-contrast-5pct)")
                .set("color", alarming ? "var(--lumo-error-text-color)" : "var(--lumo-body-text-color)")
                .set("font-weight", "600").set("box-sizing", "border-box").set("width", "100%");
        return warning;
    }

    /**
     * A read-only field with a copy button beside it; the field is cleared when the dialog goes.
     *
     * @param what e.g. "password", for the copy button's tooltip and confirmation
     */
    public Component value(String label, String value, String fieldId, String copyId, String what) {
        TextField field = new TextField();
        field.setId(fieldId);
        field.setLabel(label);
        field.setValue(value);
        field.setReadOnly(true);
        // Monospace for the value only: the input is created by the web component, so style it client-side.
        field.getElement().executeJs("this.inputElement && (this.inputElement.style.fontFamily ="
                + " 'var(--lumo-font-family-monospace, monospace)')");
        // Keep browsers and password managers from storing what is shown here.
        field.getElement().setAttribute("autocomplete", "off");
        values.add(field);
        HorizontalLayout row = new HorizontalLayout(field, CopyButton.of(field, what, copyId));
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.expand(field);
        return row;
    }

    /** curl, Python and Java examples in tabs; code block ids are {@code codeIdPrefix + "curl"} and so on. */
    public static Component snippets(String id, String codeIdPrefix, String curl, String python, String java) {
        TabSheet tabs = new TabSheet();
        tabs.setId(id);
        tabs.setWidthFull();
        tabs.add("curl", code(curl, codeIdPrefix + "curl", "curl command"));
        tabs.add("Python", code(python, codeIdPrefix + "python", "Python example"));
        tabs.add("Java", code(java, codeIdPrefix + "java", "Java example"));
        return tabs;
    }

    private static Component code(String text, String id, String what) {
        Pre pre = new Pre(text);
        pre.setId(id);
        pre.getStyle().set("margin", "0").set("padding", "var(--lumo-space-s)").set("white-space", "pre-wrap")
                .set("overflow-wrap", "anywhere").set("overflow-y", "auto")
                .set("max-height", "18rem").set("background", "var(--lumo-contrast-5pct)")
                .set("border-radius", "var(--lumo-border-radius-m)").set("font-size", "var(--lumo-font-size-s)");
        Button copy = CopyButton.of(pre, what, id + "-copy");
        VerticalLayout block = new VerticalLayout(copy, pre);
        block.setPadding(false);
        block.setSpacing(false);
        block.setAlignItems(FlexComponent.Alignment.STRETCH);
        block.setHorizontalComponentAlignment(FlexComponent.Alignment.END, copy);
        return block;
    }

    /** Drops every component that holds the secret and takes the dialog out of the page. Idempotent. */
    private void discard() {
        if (discarded) {
            return;
        }
        discarded = true;
        values.forEach(TextField::clear);
        removeAll();
        getFooter().removeAll();
        getHeader().removeAll();
        setHeaderTitle(null);
        close();
        removeFromParent();
    }
}
