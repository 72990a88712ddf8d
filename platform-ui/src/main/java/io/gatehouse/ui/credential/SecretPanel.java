package io.gatehouse.ui.credential;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.auth.credential.IssuedCredential;
import io.gatehouse.ui.base.SecretDialog;
import io.gatehouse.ui.base.Times;

/**
 * Shows a just issued or rotated key once: key id, secret and ready-to-run calls. The secret lives only in this
 * dialog's components; closing it (or leaving the page) removes them, so nothing in the view or the session keeps it.
 */
final class SecretPanel extends SecretDialog {

    /** @param callUrl the gateway URL the snippets call */
    SecretPanel(IssuedCredential key, String callUrl, boolean rotated) {
        super("key-secret-panel", (rotated ? "Key rotated: " : "Key issued: ") + key.name(), "key-secret-done",
                key.secretValue() != null ? "I have stored it" : "Done");
        boolean hasSecret = key.secretValue() != null;
        show(warning("key-secret-warning", hasSecret ? "This secret is shown once. Store it now."
                : "There is no secret: callers sign tokens with the private key that matches the registered public"
                + " key, and name this credential in the token header kid.", hasSecret));
        show(credentialRows(key, hasSecret));
        if (rotated && key.previousSecretValidUntil() != null) {
            show(new Paragraph("The previous secret keeps working until "
                    + Times.utc(key.previousSecretValidUntil()) + "."));
        }
        if (key.expiresAt() != null) {
            show(new Paragraph("This key expires " + Times.utc(key.expiresAt()) + "."));
        }
        Snippets snippets = Snippets.of(key.type(), key.algorithm(), key.keyId(), key.secretValue(), callUrl);
        show(snippets("key-snippets", "snippet-", snippets.curl(), snippets.python(), snippets.java()));
    }

    private Component credentialRows(IssuedCredential key, boolean hasSecret) {
        String idLabel = switch (key.type()) {
            case BASIC -> "Username";
            case AKSK -> "Access key";
            case JWT -> "Access key (token kid or access_key claim)";
        };
        Component id = value(idLabel, key.keyId(), "key-secret-id", "copy-key-id", idLabel.toLowerCase());
        if (!hasSecret) {
            return id;
        }
        String secretLabel = switch (key.type()) {
            case BASIC -> "Password";
            case AKSK -> "Secret key";
            case JWT -> "Secret (" + key.algorithm() + " signing key)";
        };
        VerticalLayout both = new VerticalLayout(id,
                value(secretLabel, key.secretValue(), "key-secret-value", "copy-secret", "secret"));
        both.setPadding(false);
        both.setSpacing(false);
        return both;
    }
}
