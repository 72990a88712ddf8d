package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinServletRequest;
import io.gatehouse.ui.base.TenantPage;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.gateway.health.UpstreamHealth;
import io.gatehouse.gateway.proxy.GatewayServer;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.ui.base.MainLayout;
import io.gatehouse.ui.credential.CredentialsView;
import io.gatehouse.ui.log.LogsView;
import jakarta.annotation.security.PermitAll;

/** One tenant's page: its providers (upstreams) and the routes that expose them on the gateway. */
@Route(value = "tenants/:slug", layout = MainLayout.class)
@PermitAll
public class TenantDetailView extends TenantPage {
    private final ProviderService providers;
    private final RouteService routes;
    private final GatewayServer gateway;
    private final UpstreamHealth health;
    private final RouteTestRunner testRunner;

    TenantDetailView(TenantService tenants, AccessControl access, ProviderService providers, RouteService routes, GatewayServer gateway,
                     UpstreamHealth health, RouteTestRunner testRunner) {
        super(tenants, access, "tenant", "Tenant");
        this.health = health;
        this.testRunner = testRunner;
        this.providers = providers;
        this.routes = routes;
        this.gateway = gateway;
        setWidthFull();
    }

    @Override
    protected String titleFor(TenantView tenant) {
        return tenant.name();
    }

    @Override
    protected void show(TenantView tenant) {
        H2 heading = new H2(tenant.name());
        heading.setId("tenant-heading");
        Span slug = new Span("slug " + tenant.slug());
        slug.getStyle().set("color", "var(--lumo-secondary-text-color)");
        RouterLink keys = new RouterLink("Keys", CredentialsView.class, new RouteParameters("slug", tenant.slug()));
        keys.setId("tenant-keys");
        RouterLink logs = new RouterLink("Logs", LogsView.class, new RouteParameters("slug", tenant.slug()));
        logs.setId("tenant-logs");
        HorizontalLayout header = new HorizontalLayout(heading, slug, keys, logs);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);

        RoutesPanel routesPanel = new RoutesPanel(tenant.slug(), routes, providers, gatewayBase(), testRunner,
                editable());
        ProvidersPanel providersPanel = new ProvidersPanel(tenant.slug(), providers, health, editable());
        add(new RouterLink("All tenants", TenantsView.class), header, providersPanel, routesPanel);
    }

    /** Where callers reach the gateway, as far as this page can tell: the console's host and the gateway's port. */
    private String gatewayBase() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        String host = request == null || request.getServerName() == null ? "localhost" : request.getServerName();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + gateway.port();
    }
}
