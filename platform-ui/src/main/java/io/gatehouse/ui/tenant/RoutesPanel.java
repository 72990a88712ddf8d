package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.ui.base.Confirm;
import io.gatehouse.ui.base.Notices;
import java.util.List;

/** A tenant's routes, and how to call them on the gateway. */
final class RoutesPanel extends VerticalLayout {
    private final String tenant;
    private final RouteService routes;
    private final ProviderService providers;
    private final String tenantBaseUrl;
    private final RouteTestRunner testRunner;
    private final Grid<RouteView> grid = new Grid<>(RouteView.class, false);
    private final Paragraph hint = new Paragraph();

    /**
     * @param gatewayBase e.g. {@code http://localhost:8081}
     * @param editable    whether the signed-in user may change this tenant (else no create, edit, delete or test)
     */
    RoutesPanel(String tenant, RouteService routes, ProviderService providers, String gatewayBase,
                RouteTestRunner testRunner, boolean editable) {
        this.tenant = tenant;
        this.testRunner = testRunner;
        this.routes = routes;
        this.providers = providers;
        this.tenantBaseUrl = gatewayBase + "/" + tenant;
        setPadding(false);

        Button create = new Button("New route", VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("new-route");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_SMALL);
        create.setVisible(editable);
        HorizontalLayout header = new HorizontalLayout(new H3("Routes"), create);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("routes-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(RouteView::name).setHeader("Name").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(RouteView::pathPrefix).setHeader("Path prefix").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.list(r.methods(), "all")).setHeader("Methods").setFlexGrow(1);
        grid.addColumn(Formats::provider).setHeader("Provider").setFlexGrow(1);
        grid.addColumn(r -> r.publicAccess() ? "yes" : "no").setHeader("Public").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(Formats::auth).setHeader("Auth").setFlexGrow(1);
        grid.addColumn(r -> r.timeoutMs() + " ms").setHeader("Timeout").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> Formats.retry(r.retry())).setHeader("Retry").setFlexGrow(2);
        grid.addComponentColumn(this::faults).setHeader("Faults").setFlexGrow(1);
        grid.addComponentColumn(this::actions).setHeader("Actions").setAutoWidth(true).setFlexGrow(0)
                .setVisible(editable);
        grid.setEmptyStateText("No routes yet. A route exposes a provider under a path of this tenant.");

        hint.setId("route-call-hint");
        add(header, grid, hint);
        refresh();
    }

    private Span faults(RouteView route) {
        Span faults = new Span(Formats.faults(route.faults()));
        if (route.faults() != null && route.faults().active()) {
            faults.getElement().getThemeList().addAll(List.of("badge", "error"));
            faults.setTitle("Injected faults affect real traffic on this route");
        }
        return faults;
    }

    private HorizontalLayout actions(RouteView route) {
        Button test = new Button("Test", e -> openTest(route.name()));
        test.setId("test-route-" + route.name());
        test.setTooltipText("Send a request through this route and see each attempt");
        test.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button edit = new Button("Edit", e -> openEdit(route.name()));
        edit.setId("edit-route-" + route.name());
        Button delete = new Button("Delete", e -> confirmDelete(route));
        delete.setId("delete-route-" + route.name());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(test, edit, delete);
    }

    private void openCreate() {
        List<String> names = providerNames();
        if (names.isEmpty()) {
            Notices.error("Create a provider first: a route sends its calls to one of this tenant's providers.");
            return;
        }
        RouteForm.forCreate(names, tenant, spec -> {
            routes.create(tenant, spec);
            refresh();
            Notices.success("Route '" + spec.name() + "' created");
        }).open();
    }

    private void openEdit(String name) {
        RouteView current;
        try {
            current = routes.get(tenant, name);
        } catch (NotFoundException e) {
            Notices.error(e.getMessage());
            refresh();
            return;
        }
        RouteForm.forEdit(current, providerNames(), tenant, spec -> {
            routes.replace(tenant, name, spec);
            refresh();
            Notices.success("Route '" + name + "' saved");
        }).open();
    }

    private void openTest(String name) {
        RouteView current;
        try {
            current = routes.get(tenant, name);
        } catch (NotFoundException e) {
            Notices.error(e.getMessage());
            refresh();
            return;
        }
        String prefix = current.pathPrefix().equals("/") ? "" : current.pathPrefix();
        new RouteTestDialog(tenant, current, tenantBaseUrl + prefix, testRunner).open();
    }

    private void confirmDelete(RouteView route) {
        Confirm.destructive("Delete route '" + route.name() + "'?",
                "Calls to " + tenantBaseUrl + route.pathPrefix() + " will get 404 at once. Credentials limited to this "
                        + "route lose access to it.",
                "Delete route", () -> delete(route.name()));
    }

    private void delete(String name) {
        try {
            routes.delete(tenant, name);
            Notices.success("Route '" + name + "' deleted");
        } catch (NotFoundException e) {
            Notices.error(e.getMessage());
        }
        refresh();
    }

    private List<String> providerNames() {
        return providers.list(tenant).stream().map(ProviderView::name).toList();
    }

    private void refresh() {
        List<RouteView> current;
        try {
            current = routes.list(tenant);
        } catch (NotFoundException e) {
            Notices.error("Tenant '" + tenant + "' no longer exists");
            current = List.of();
        }
        grid.setItems(current);
        String example = current.isEmpty() ? "/your-prefix" : current.get(0).pathPrefix();
        hint.removeAll();
        hint.add(new Text("Call a route at "), new Code(tenantBaseUrl + "<path prefix>/..."), new Text(", e.g. "),
                new Code("curl " + tenantBaseUrl + example), new Text(". Routes that are not public need a credential."));
    }
}
