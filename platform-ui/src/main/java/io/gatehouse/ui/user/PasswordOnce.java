package io.gatehouse.ui.user;

import com.vaadin.flow.component.html.Paragraph;
import io.gatehouse.ui.base.SecretDialog;

/** A generated password (new user or reset), shown once with copy buttons; nothing else keeps it. */
final class PasswordOnce extends SecretDialog {

    /** @param title e.g. "User created" */
    PasswordOnce(String title, String username, String password, String consoleBase) {
        super("user-password-panel", title + ": " + username, "user-password-done", "I have passed it on");
        show(warning("user-password-warning", "This password is shown once. It is stored only as a hash and cannot"
                        + " be shown again: copy it now and hand it over safely.", true),
                value("Username", username, "user-password-username", "copy-user-username", "username"),
                value("Password", password, "user-password-value", "copy-user-password", "password"),
                new Paragraph("Sign in at " + consoleBase + "/login. After signing in, " + username
                        + " can choose a new password on the My account page."));
    }
}
