package io.gatehouse.ui.log;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Route;
import io.gatehouse.ui.base.TenantPage;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.ui.base.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.util.List;

/**
 * A tenant's request log, newest first. Pages come from keyset cursors ("Load more" appends the next page); the
 * filters, the live refresh and the CSV export all use the same filter.
 */
@Route(value = "tenants/:slug/logs", layout = MainLayout.class)
@PermitAll
public class LogsView extends TenantPage {
    private final RequestLogService logs;
    private final RouteService routes;
    private final LogDetails details;

    LogsView(RequestLogService logs, TenantService tenants, AccessControl access, RouteService routes, LogDetails details) {
        super(tenants, access, "logs", "Logs");
        this.logs = logs;
        this.routes = routes;
        this.details = details;
        setSizeFull();
    }

    @Override
    protected String titleFor(TenantView tenant) {
        return "Logs of " + tenant.name();
    }

    @Override
    protected void show(TenantView view) {
        String tenant = view.slug();
        Anchor back = new Anchor("tenants/" + tenant, "\u2190 " + view.name());
        back.getElement().setAttribute("router-link", true);
        H2 heading = new H2("Request log of " + view.name());
        heading.setId("logs-heading");
        LogBrowser browser = new LogBrowser(routes.list(tenant).stream().map(RouteView::name).toList(),
                filter -> page(tenant, filter), null, (entry, zone) -> details.open(tenant, entry, zone));
        Anchor export = new Anchor(new LogCsvDownload(logs, () -> tenant, browser::current), "");
        export.setId("logs-export");
        Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD.create());
        exportButton.setTabIndex(-1);
        export.add(exportButton);
        browser.addAction(export);
        add(back, heading, browser);
        setFlexGrow(1, browser);
    }

    private LogPage page(String tenant, LogFilter filter) {
        try {
            return logs.list(tenant, filter);
        } catch (NotFoundException e) {
            return new LogPage(List.of(), null);
        }
    }
}
