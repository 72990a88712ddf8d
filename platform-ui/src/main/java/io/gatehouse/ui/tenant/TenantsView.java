package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.grid.dataview.GridListDataView;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.access.Caller;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.ui.base.Confirm;
import io.gatehouse.ui.base.FilterField;
import io.gatehouse.ui.base.MainLayout;
import io.gatehouse.ui.base.Notices;
import io.gatehouse.ui.base.Times;
import jakarta.annotation.security.PermitAll;
import java.util.Locale;

/** The console's start page: every tenant, with create, rename, delete and a link to each tenant's page. */
@Route(value = "tenants", layout = MainLayout.class)
@PageTitle("Tenants | Gatehouse")
@PermitAll
public class TenantsView extends VerticalLayout {
    private final TenantService tenants;
    private final ProviderService providers;
    private final RouteService routes;
    private final AccessControl access;
    private final Caller caller;
    private final Grid<TenantView> grid = new Grid<>(TenantView.class, false);
    private final TextField filter = FilterField.of("tenant-filter", "Filter by slug or name",
            () -> grid.getListDataView().refreshAll());

    TenantsView(TenantService tenants, ProviderService providers, RouteService routes, AccessControl access) {
        this.tenants = tenants;
        this.access = access;
        this.caller = access.caller();
        this.providers = providers;
        this.routes = routes;
        setSizeFull();

        Button create = new Button("New tenant", VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("new-tenant");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(caller.isPlatformAdmin());
        HorizontalLayout toolbar = new HorizontalLayout(filter, create);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        configureGrid();
        add(new H2("Tenants"), toolbar, grid);
        refresh();
    }

    private void configureGrid() {
        grid.setId("tenants-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(t -> new RouterLink(t.slug(), TenantDetailView.class, new RouteParameters("slug", t.slug())))
                .setHeader("Slug").setComparator(TenantView::slug).setSortable(true).setAutoWidth(true);
        grid.addColumn(TenantView::name).setHeader("Name").setSortable(true).setFlexGrow(1);
        grid.addColumn(t -> Times.utc(t.createdAt())).setHeader("Created").setAutoWidth(true)
                .setComparator(TenantView::createdAt).setSortable(true);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText(caller.isPlatformAdmin() ? "No tenants yet. Create one with \"New tenant\"."
                : "You belong to no tenant yet. Ask a platform admin to add you to one.");
    }

    private HorizontalLayout actions(TenantView tenant) {
        Button open = new Button("Open", e -> getUI().ifPresent(ui ->
                ui.navigate(TenantDetailView.class, new RouteParameters("slug", tenant.slug()))));
        Button rename = new Button("Edit", e -> openRename(tenant));
        Button delete = new Button("Delete", e -> confirmDelete(tenant));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        rename.setVisible(caller.isPlatformAdmin() || access.canManage(tenant.slug()));
        delete.setVisible(caller.isPlatformAdmin());
        for (Button button : new Button[] {open, rename, delete}) {
            button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        return new HorizontalLayout(open, rename, delete);
    }

    private void openCreate() {
        TenantDialog.forCreate((slug, name) -> {
            TenantView created = tenants.create(slug, name);
            refresh();
            Notices.success("Tenant '" + created.slug() + "' created");
        }).open();
    }

    private void openRename(TenantView tenant) {
        TenantDialog.forRename(tenant, (slug, name) -> {
            tenants.rename(slug, name);
            refresh();
            Notices.success("Tenant '" + slug + "' renamed");
        }).open();
    }

    private void confirmDelete(TenantView tenant) {
        String owned;
        try {
            owned = Formats.count(providers.list(tenant.slug()).size(), "provider") + " and "
                    + Formats.count(routes.list(tenant.slug()).size(), "route");
        } catch (NotFoundException e) {
            refresh();
            return;
        }
        Confirm.destructive("Delete tenant '" + tenant.slug() + "'?",
                "This deletes " + tenant.name() + " and everything it owns: " + owned
                        + ". Calls to its routes will fail at once. This cannot be undone.",
                "Delete tenant", () -> delete(tenant));
    }

    private void delete(TenantView tenant) {
        try {
            tenants.delete(tenant.slug());
            Notices.success("Tenant '" + tenant.slug() + "' deleted");
        } catch (NotFoundException e) {
            Notices.error(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        GridListDataView<TenantView> data = grid.setItems(tenants.list());
        data.setFilter(this::matchesFilter);
    }

    private boolean matchesFilter(TenantView tenant) {
        String term = FilterField.term(filter);
        return term.isEmpty() || tenant.slug().contains(term) || tenant.name().toLowerCase(Locale.ROOT).contains(term);
    }
}
