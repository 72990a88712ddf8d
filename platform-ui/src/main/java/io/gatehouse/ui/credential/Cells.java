package io.gatehouse.ui.credential;

import com.vaadin.flow.component.html.Span;
import io.gatehouse.auth.credential.CredentialStatus;
import io.gatehouse.auth.credential.CredentialView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** How the credentials page writes a key's values: short, in UTC, never a secret (views hold none). */
final class Cells {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Cells() {
    }

    static String timestamp(OffsetDateTime time) {
        return time == null ? "" : TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    static String orNever(OffsetDateTime time) {
        return time == null ? "never" : timestamp(time);
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
        Span badge = new Span(key.state().name());
        String tone = switch (key.state()) {
            case ACTIVE -> "success";
            case EXPIRED -> "contrast";
            case REVOKED -> "error";
        };
        badge.getElement().setAttribute("data-state", key.state().name().toLowerCase(Locale.ROOT));
        badge.getStyle().set("display", "inline-block").set("padding", "0 var(--lumo-space-s)")
                .set("border-radius", "var(--lumo-border-radius-l)").set("font-size", "var(--lumo-font-size-xs)")
                .set("font-weight", "600").set("line-height", "1.6")
                .set("color", "var(--lumo-" + tone + "-text-color, var(--lumo-body-text-color))")
                .set("background", "var(--lumo-" + tone + "-color-10pct, var(--lumo-contrast-10pct))");
        badge.setTitle(stateDetail(key));
        return badge;
    }

    private static String stateDetail(CredentialView key) {
        if (key.state() == CredentialStatus.REVOKED) {
            return "revoked " + timestamp(key.revokedAt());
        }
        if (key.state() == CredentialStatus.EXPIRED) {
            return "expired " + timestamp(key.expiresAt());
        }
        OffsetDateTime previous = key.previousSecretValidUntil();
        if (previous != null && previous.isAfter(OffsetDateTime.now(ZoneOffset.UTC))) {
            return "rotated; the previous secret works until " + timestamp(previous);
        }
        return "usable on the gateway";
    }
}
