package io.gatehouse.ui.credential;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.auth.credential.IssuedCredential;

/**
 * Shows a just issued or rotated key once: key id, secret and ready-to-run calls. The secret lives only in this
 * dialog's components; closing it (or leaving the page) removes them, so nothing in the view or the session keeps it.
 */
final class SecretPanel extends Dialog {
    private final TextField keyId = new TextField();
    private final TextField secret = new TextField();
    private boolean discarded;

    /** @param callUrl the gateway URL the snippets call */
    SecretPanel(IssuedCredential key, String callUrl, boolean rotated) {
        setId("key-secret-panel");
        setHeaderTitle((rotated ? "Key rotated: " : "Key issued: ") + key.name());
        setWidth("min(52rem, 95vw)");
        setModal(true);
        // Closing loses the secret for good, so only the explicit button closes.
        setCloseOnEsc(false);
        setCloseOnOutsideClick(false);

        boolean hasSecret = key.secretValue() != null;
        VerticalLayout content = new VerticalLayout(warning(hasSecret), credentialRow(key, hasSecret));
        content.setPadding(false);
        if (rotated && key.previousSecretValidUntil() != null) {
            content.add(new Paragraph("The previous secret keeps working until "
                    + Cells.timestamp(key.previousSecretValidUntil()) + "."));
        }
        if (key.expiresAt() != null) {
            content.add(new Paragraph("This key expires " + Cells.timestamp(key.expiresAt()) + "."));
        }
        content.add(snippets(Snippets.of(key.type(), key.algorithm(), key.keyId(), key.secretValue(), callUrl)));
        add(content);

        Button done = new Button(hasSecret ? "I have stored it" : "Done", e -> discard());
        done.setId("key-secret-done");
        done.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(done);
        addOpenedChangeListener(e -> {
            if (!e.isOpened()) {
                discard();
            }
        });
        // Leaving the page detaches the dialog with the view; the values go, even though no button was pressed.
        addDetachListener(e -> {
            keyId.clear();
            secret.clear();
        });
    }

    private static Component warning(boolean hasSecret) {
        Div warning = new Div();
        warning.setId("key-secret-warning");
        warning.add(VaadinIcon.WARNING.create());
        warning.add(new Div(hasSecret ? "This secret is shown once. Store it now."
                : "There is no secret: callers sign tokens with the private key that matches the registered public"
                + " key, and name this credential in the token header kid."));
        warning.getStyle().set("display", "flex").set("gap", "var(--lumo-space-s)").set("align-items", "center")
                .set("padding", "var(--lumo-space-s) var(--lumo-space-m)")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", hasSecret ? "var(--lumo-error-color-10pct)" : "var(--lumo-contrast-5pct)")
                .set("color", hasSecret ? "var(--lumo-error-text-color)" : "var(--lumo-body-text-color)")
                .set("font-weight", "600").set("box-sizing", "border-box").set("width", "100%");
        return warning;
    }

    private Component credentialRow(IssuedCredential key, boolean hasSecret) {
        String idLabel = switch (key.type()) {
            case BASIC -> "Username";
            case AKSK -> "Access key";
            case JWT -> "Access key (token kid or access_key claim)";
        };
        readOnly(keyId, idLabel, key.keyId(), "key-secret-id");
        HorizontalLayout row = new HorizontalLayout(keyId, CopyButton.of(keyId, idLabel.toLowerCase(), "copy-key-id"));
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.expand(keyId);
        if (!hasSecret) {
            return row;
        }
        String secretLabel = switch (key.type()) {
            case BASIC -> "Password";
            case AKSK -> "Secret key";
            case JWT -> "Secret (" + key.algorithm() + " signing key)";
        };
        readOnly(secret, secretLabel, key.secretValue(), "key-secret-value");
        HorizontalLayout secretRow = new HorizontalLayout(secret, CopyButton.of(secret, "secret", "copy-secret"));
        secretRow.setWidthFull();
        secretRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        secretRow.expand(secret);
        VerticalLayout both = new VerticalLayout(row, secretRow);
        both.setPadding(false);
        both.setSpacing(false);
        return both;
    }

    private static void readOnly(TextField field, String label, String value, String id) {
        field.setId(id);
        field.setLabel(label);
        field.setValue(value);
        field.setReadOnly(true);
        // Monospace for the value only: the input is created by the web component, so style it client-side.
        field.getElement().executeJs("this.inputElement && (this.inputElement.style.fontFamily ="
                + " 'var(--lumo-font-family-monospace, monospace)')");
        // Keep browsers and password managers from storing what is shown here.
        field.getElement().setAttribute("autocomplete", "off");
    }

    private static Component snippets(Snippets snippets) {
        TabSheet tabs = new TabSheet();
        tabs.setId("key-snippets");
        tabs.setWidthFull();
        tabs.add("curl", code(snippets.curl(), "snippet-curl", "curl command"));
        tabs.add("Python", code(snippets.python(), "snippet-python", "Python example"));
        tabs.add("Java", code(snippets.java(), "snippet-java", "Java example"));
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
        keyId.clear();
        secret.clear();
        removeAll();
        getFooter().removeAll();
        getHeader().removeAll();
        setHeaderTitle(null);
        close();
        removeFromParent();
    }
}
