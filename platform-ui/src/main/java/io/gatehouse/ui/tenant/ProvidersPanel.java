package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.health.TargetState;
import io.gatehouse.gateway.health.UpstreamHealth;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.ui.base.Confirm;
import io.gatehouse.ui.base.Notices;
import com.vaadin.flow.shared.Registration;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A tenant's providers: the upstream services its routes forward to, with each target's live health and the
 * provider's circuit state, refreshed every few seconds while the page is open.
 */
final class ProvidersPanel extends VerticalLayout {
    static final int STATE_REFRESH_MS = 5_000;

    private final String tenant;
    private final ProviderService providers;
    private final UpstreamHealth health;
    private Registration pollRegistration;
    private final Grid<ProviderView> grid = new Grid<>(ProviderView.class, false);

    /** @param editable whether the signed-in user may change this tenant (else no create, edit or delete) */
    ProvidersPanel(String tenant, ProviderService providers, UpstreamHealth health, boolean editable) {
        this.tenant = tenant;
        this.providers = providers;
        this.health = health;
        setPadding(false);

        Button create = new Button("New provider", VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("new-provider");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        create.setVisible(editable);
        Button refreshState = new Button("Refresh state", VaadinIcon.REFRESH.create(), e -> refreshState());
        refreshState.setId("refresh-provider-state");
        refreshState.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        refreshState.setTooltipText("Live state also refreshes every " + STATE_REFRESH_MS / 1000 + " s on its own");
        HorizontalLayout header = new HorizontalLayout(new H3("Providers"), create, refreshState);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("providers-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(ProviderView::name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Formats::targets).setHeader("Targets").setFlexGrow(2);
        grid.addColumn(Formats::timeouts).setHeader("Timeouts").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> Formats.list(p.headers(), "-")).setHeader("Injected headers").setFlexGrow(1);
        grid.addComponentColumn(this::liveState).setHeader("Live state").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0)
                .setVisible(editable);
        grid.setEmptyStateText("No providers yet. A provider is an upstream service; create one before adding routes.");
        add(header, grid);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().setPollInterval(STATE_REFRESH_MS);
        pollRegistration = event.getUI().addPollListener(e -> refreshState());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (pollRegistration != null) {
            pollRegistration.remove();
            pollRegistration = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    /** Each target's state (healthy / ejected until ...) and the circuit state, as coloured badges. */
    private Div liveState(ProviderView provider) {
        Div cell = new Div();
        cell.setId("provider-state-" + provider.name());
        Span circuit = badge(LiveState.circuit(health.circuitState(tenant, provider.name())));
        circuit.setId("provider-circuit-" + provider.name());
        cell.add(line(circuit));
        boolean isMock = ProviderSpec.MOCK.equals(provider.type());
        List<TargetState> states = health.targetStates(tenant, provider.name(), LiveState.origins(provider));
        for (TargetState state : states) {
            Span where = new Span(isMock ? "mock - answers inside the gateway" : state.target());
            where.getStyle().set("font-size", "var(--lumo-font-size-s)");
            cell.add(line(where, badge(LiveState.target(state, ZoneOffset.UTC))));
        }
        return cell;
    }

    private static Div line(com.vaadin.flow.component.Component... parts) {
        Div line = new Div(parts);
        line.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)")
                .set("align-items", "baseline").set("margin-bottom", "var(--lumo-space-xs)");
        return line;
    }

    private static Span badge(LiveState.Badge badge) {
        Span span = new Span(badge.text());
        span.getElement().getThemeList().addAll(List.of(badge.theme().split(" ")));
        return span;
    }

    private void refreshState() {
        grid.getDataProvider().refreshAll();
    }

    private HorizontalLayout actions(ProviderView provider) {
        Button edit = new Button("Edit", e -> openEdit(provider.name()));
        edit.setId("edit-provider-" + provider.name());
        Button delete = new Button("Delete", e -> confirmDelete(provider));
        delete.setId("delete-provider-" + provider.name());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(edit, delete);
    }

    private void openCreate() {
        ProviderForm.forCreate(spec -> {
            providers.create(tenant, spec);
            refresh();
            Notices.success("Provider '" + spec.name() + "' created");
        }).open();
    }

    private void openEdit(String name) {
        ProviderView current;
        try {
            current = providers.get(tenant, name);
        } catch (NotFoundException e) {
            Notices.error(e.getMessage());
            refresh();
            return;
        }
        ProviderForm.forEdit(current, spec -> {
            providers.replace(tenant, name, spec);
            refresh();
            Notices.success("Provider '" + name + "' saved");
        }).open();
    }

    private void confirmDelete(ProviderView provider) {
        Confirm.destructive("Delete provider '" + provider.name() + "'?",
                "Its targets and stored header values are removed. A provider that a route still uses cannot be deleted.",
                "Delete provider", () -> delete(provider.name()));
    }

    private void delete(String name) {
        try {
            providers.delete(tenant, name);
            Notices.success("Provider '" + name + "' deleted");
        } catch (ConflictException | NotFoundException e) {
            Notices.error(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        try {
            grid.setItems(providers.list(tenant));
        } catch (NotFoundException e) {
            Notices.error("Tenant '" + tenant + "' no longer exists");
            grid.setItems();
        }
    }
}
