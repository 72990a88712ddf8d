package io.gatehouse.ui.user;

import com.vaadin.flow.component.html.Paragraph;
import io.gatehouse.auth.user.IssuedToken;
import io.gatehouse.ui.base.SecretDialog;
import io.gatehouse.ui.base.Times;

/** A new API token, shown once with a copy button and calls of the admin API that use it. */
final class TokenPanel extends SecretDialog {

    /** @param consoleBase where the browser reached the console, e.g. {@code http://localhost:8080} */
    TokenPanel(IssuedToken issued, String consoleBase) {
        super("token-panel", "Token created: " + issued.view().name(), "token-done", "I have stored it");
        show(warning("token-warning", "This token is shown once. Store it now, e.g. in your CI's secret store.", true),
                value("Token", issued.token(), "token-value", "copy-token", "token"),
                new Paragraph("It acts as you, with your role at the time of each call, on " + consoleBase
                        + "/api/v1, until " + Times.utc(issued.view().expiresAt())
                        + " or until you revoke it. It cannot create tokens or change passwords."));
        TokenSnippets snippets = TokenSnippets.of(issued.token(), consoleBase + "/api/v1/tenants");
        show(snippets("token-snippets", "token-snippet-", snippets.curl(), snippets.python(), snippets.java()));
    }
}
