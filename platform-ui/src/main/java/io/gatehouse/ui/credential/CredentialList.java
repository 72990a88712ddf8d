package io.gatehouse.ui.credential;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.credential.CredentialStatus;
import io.gatehouse.auth.credential.CredentialView;
import io.gatehouse.ui.base.FilterField;
import io.gatehouse.ui.base.Times;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** A tenant's keys with a text and a state filter, and per-key Rotate and Revoke. */
final class CredentialList extends VerticalLayout {
    static final String ALL = "All";

    private final Grid<CredentialView> grid = new Grid<>(CredentialView.class, false);
    private final TextField filter = FilterField.of("credential-filter", "Filter by name or key", this::refilter);
    private final Select<String> state = new Select<>();
    private final Consumer<CredentialView> onRotate;
    private final Consumer<CredentialView> onRevoke;
    private GridListDataView<CredentialView> rows;

    CredentialList(Component issueButton, Consumer<CredentialView> onRotate, Consumer<CredentialView> onRevoke,
                   boolean editable) {
        this.onRotate = onRotate;
        this.onRevoke = onRevoke;
        setPadding(false);

        state.setId("credential-state");
        state.setItems(ALL, "Active", "Expired", "Revoked");
        state.setValue(ALL);
        state.setWidth("11rem");
        state.setAriaLabel("State");
        state.setPrefixComponent(new Span("State"));
        state.addValueChangeListener(e -> refilter());
        HorizontalLayout toolbar = new HorizontalLayout(filter, state, issueButton);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        configureGrid(editable);
        add(toolbar, grid);
    }

    void setItems(List<CredentialView> keys) {
        rows = grid.setItems(keys);
        rows.setFilter(this::matches);
    }

    private void refilter() {
        if (rows != null) {
            rows.refreshAll();
        }
    }

    private void configureGrid(boolean editable) {
        grid.setId("credentials-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        // Fixed widths (auto width is measured once, often while the grid is still empty); dates wrap after the day.
        grid.addColumn(Cells::type).setHeader("Type").setWidth("7.5rem").setFlexGrow(0)
                .setSortable(true).setComparator(Cells::type);
        grid.addColumn(CredentialView::name).setHeader("Name").setWidth("8rem").setFlexGrow(2)
                .setSortable(true).setComparator(k -> k.name().toLowerCase(Locale.ROOT));
        grid.addComponentColumn(CredentialList::keyPrefix).setHeader("Key").setWidth("7.5rem").setFlexGrow(0);
        grid.addColumn(k -> Cells.routes(k.routes())).setHeader("Routes").setWidth("7rem").setFlexGrow(1);
        grid.addColumn(k -> Times.utc(k.createdAt())).setHeader("Created").setWidth("7.5rem").setFlexGrow(0)
                .setSortable(true).setComparator(CredentialView::createdAt);
        grid.addColumn(k -> Times.orNever(k.expiresAt())).setHeader("Expires").setWidth("7.5rem").setFlexGrow(0);
        grid.addColumn(k -> Times.orNever(k.lastUsedAt())).setHeader("Last used").setWidth("7.5rem").setFlexGrow(0);
        grid.addComponentColumn(Cells::state).setHeader("State").setWidth("7rem").setFlexGrow(0)
                .setSortable(true).setComparator(CredentialView::state);
        grid.addComponentColumn(this::actions).setHeader("Actions").setWidth("8.5rem").setFlexGrow(0)
                .setVisible(editable);
        grid.setEmptyStateText("No keys match. Issue one with \"Issue key\"; callers present it on the gateway.");
    }

    private static Span keyPrefix(CredentialView key) {
        Span prefix = new Span(key.keyPrefix());
        prefix.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)");
        return prefix;
    }

    private Component actions(CredentialView key) {
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (key.state() == CredentialStatus.REVOKED) {
            return actions;
        }
        if (rotatable(key)) {
            Button rotate = new Button("Rotate", e -> onRotate.accept(key));
            rotate.setId("rotate-" + key.id());
            rotate.setTooltipText("Issue a new secret under the same key id");
            rotate.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            actions.add(rotate);
        }
        Button revoke = new Button("Revoke", e -> onRevoke.accept(key));
        revoke.setId("revoke-" + key.id());
        revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        actions.add(revoke);
        return actions;
    }

    /** Public-key JWT credentials have no secret to rotate; an expired key would stay expired after rotation. */
    private static boolean rotatable(CredentialView key) {
        boolean publicKeyJwt = key.type() == CredentialType.JWT && key.algorithm() != null
                && !key.algorithm().startsWith("HS");
        return key.state() == CredentialStatus.ACTIVE && !publicKeyJwt;
    }

    private boolean matches(CredentialView key) {
        String wanted = state.getValue();
        if (wanted != null && !ALL.equals(wanted) && !key.state().name().equalsIgnoreCase(wanted)) {
            return false;
        }
        String text = FilterField.term(filter);
        if (text.isEmpty()) {
            return true;
        }
        String prefix = Cells.bareKeyPrefix(key).toLowerCase(Locale.ROOT);
        // A pasted full key id starts with the shown prefix.
        return key.name().toLowerCase(Locale.ROOT).contains(text) || prefix.contains(text) || text.startsWith(prefix);
    }
}
