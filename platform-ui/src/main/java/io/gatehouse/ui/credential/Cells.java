package io.gatehouse.ui.credential;

import com.vaadin.flow.component.html.Span;
import io.gatehouse.auth.credential.CredentialStatus;
import io.gatehouse.auth.credential.CredentialView;
import io.gatehouse.ui.base.Badge;
import io.gatehouse.ui.base.Times;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** How the credentials page writes a key's values: short, in UTC, never a secret (views hold none). */
final class Cells {
    private Cells() {
    }

    static String type(CredentialView key) {
        return key.algorithm() == null ? key.type().name() : key.type().name() + " " + key.algorithm();
    }

    static String routes(List<String> routes) {
        return routes == null ? "all routes" : routes.isEmpty() ? "none" : String.join(", ", routes);
    }

    /** The key prefix without its ellipsis, for matching what a user types or pastes. */
    static String bareKeyPrefix(CredentialView key) {
        return key.keyPrefix().replace("…", "");
    }

    static Span state(CredentialView key) {
        String tone = switch (key.state()) {
            case ACTIVE -> "success";
            case EXPIRED -> "contrast";
            case REVOKED -> "error";
        };
        Span badge = Badge.of(key.state().name(), tone);
        badge.getElement().setAttribute("data-state", key.state().name().toLowerCase(Locale.ROOT));
        badge.setTitle(stateDetail(key));
        return badge;
    }

    private static String stateDetail(CredentialView key) {
        if (key.state() == CredentialStatus.REVOKED) {
            return "revoked " + Times.utc(key.revokedAt());
        }
        if (key.state() == CredentialStatus.EXPIRED) {
            return "expired " + Times.utc(key.expiresAt());
        }
        OffsetDateTime previous = key.previousSecretValidUntil();
        if (previous != null && previous.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return "rotated; the previous secret works until " + Times.utc(previous);
        }
        return "usable on the gateway";
    }
}
