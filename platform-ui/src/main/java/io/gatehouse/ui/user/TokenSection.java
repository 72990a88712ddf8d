package io.gatehouse.ui.user;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.ApiTokenView;
import io.gatehouse.auth.user.IssuedToken;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.ui.base.Badge;
import io.gatehouse.ui.base.Confirm;
import io.gatehouse.ui.base.Notices;
import io.gatehouse.ui.base.Times;
import java.util.Locale;

/** The signed-in user's API tokens: list, create (shown once in a {@link TokenPanel}) and revoke. */
final class TokenSection extends VerticalLayout {
    private final ApiTokenService tokens;
    private final String consoleBase;
    private final Grid<ApiTokenView> grid = new Grid<>(ApiTokenView.class, false);

    TokenSection(ApiTokenService tokens, String consoleBase) {
        this.tokens = tokens;
        this.consoleBase = consoleBase;
        setPadding(false);
        Paragraph hint = new Paragraph();
        hint.add(new Text("For scripts that call the admin API at "), new Code(consoleBase + "/api/v1"),
                new Text(" with "), new Code("Authorization: Bearer <token>"),
                new Text(". A token acts as you, with your current role; it cannot create tokens or change passwords."));
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-top", "0");
        Button create = new Button("New token", VaadinIcon.KEY.create(),
                e -> NewTokenForm.dialog(tokens::create, this::created).open());
        create.setId("new-token");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        configureGrid();
        add(hint, create, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("tokens-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(ApiTokenView::name).setHeader("Name").setFlexGrow(2);
        grid.addComponentColumn(TokenSection::prefix).setHeader("Token").setWidth("16rem").setFlexGrow(0);
        grid.addComponentColumn(TokenSection::state).setHeader("State").setWidth("7rem").setFlexGrow(0);
        grid.addColumn(t -> Times.utc(t.createdAt())).setHeader("Created").setWidth("8rem").setFlexGrow(0);
        grid.addColumn(t -> Times.utc(t.expiresAt())).setHeader("Expires").setWidth("8rem").setFlexGrow(0);
        grid.addColumn(t -> Times.orNever(t.lastUsedAt())).setHeader("Last used").setWidth("8rem").setFlexGrow(0);
        grid.addComponentColumn(this::revokeButton).setHeader("").setWidth("7rem").setFlexGrow(0);
        grid.setEmptyStateText("No tokens yet. Create one with \"New token\" for a script or CI job.");
    }

    private static Span prefix(ApiTokenView token) {
        Span prefix = new Span(token.prefix());
        prefix.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        return prefix;
    }

    private static Span state(ApiTokenView token) {
        Span badge = Badge.of(token.state(), switch (token.state()) {
            case "ACTIVE" -> "success";
            case "REVOKED" -> "error";
            default -> "contrast";
        });
        badge.getElement().setAttribute("data-state", token.state().toLowerCase(Locale.ROOT));
        return badge;
    }

    private Component revokeButton(ApiTokenView token) {
        if (!"ACTIVE".equals(token.state())) {
            return new Span();
        }
        Button revoke = new Button("Revoke", e -> Confirm.destructive("Revoke token '" + token.name() + "'?",
                "Scripts using " + token.prefix() + " get 401 from their next call. This cannot be undone.",
                "Revoke token", () -> revoke(token)));
        revoke.setId("revoke-token-" + token.id());
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return revoke;
    }

    private void created(IssuedToken issued) {
        refresh();
        TokenPanel panel = new TokenPanel(issued, consoleBase);
        add(panel);
        panel.open();
    }

    private void revoke(ApiTokenView token) {
        try {
            tokens.revoke(token.id());
            Notices.success("Token '" + token.name() + "' revoked");
        } catch (NotFoundException e) {
            Notices.error(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        grid.setItems(tokens.mine());
    }
}
