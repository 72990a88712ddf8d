package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.ui.base.Confirm;
import io.gatehouse.ui.base.Notices;

/** A tenant's providers: the upstream services its routes forward to. */
final class ProvidersPanel extends VerticalLayout {
    private final String tenant;
    private final ProviderService providers;
    private final Grid<ProviderView> grid = new Grid<>(ProviderView.class, false);

    ProvidersPanel(String tenant, ProviderService providers) {
        this.tenant = tenant;
        this.providers = providers;
        setPadding(false);

        Button create = new Button("New provider", VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("new-provider");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        HorizontalLayout header = new HorizontalLayout(new H3("Providers"), create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("providers-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(ProviderView::name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Formats::targets).setHeader("Targets").setFlexGrow(2);
        grid.addColumn(Formats::timeouts).setHeader("Timeouts").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(p -> Formats.list(p.headers(), "-")).setHeader("Injected headers").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No providers yet. A provider is an upstream service; create one before adding routes.");
        add(header, grid);
        refresh();
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
