package io.gatehouse.ui.log;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.ui.base.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The request log across tenants, for platform admins: every call newest first with its tenant, including calls to
 * unknown tenants (404s, shown with the slug from the URL) and to deleted ones. The same filters, paging, live refresh
 * and detail dialog as a tenant's Logs page; the route filter is typed, as route names differ per tenant.
 */
@Route(value = "logs", layout = MainLayout.class)
@PageTitle("Logs | Gatehouse")
@RolesAllowed("PLATFORM_ADMIN")
class AllLogsView extends VerticalLayout {
    private final RequestLogService logs;
    private final TenantService tenants;
    private Set<String> known = Set.of();

    AllLogsView(RequestLogService logs, TenantService tenants, LogDetails details) {
        this.logs = logs;
        this.tenants = tenants;
        setSizeFull();
        H2 heading = new H2("Request log of all tenants");
        heading.setId("logs-heading");
        LogBrowser browser = new LogBrowser(null, this::page, this::tenantCell,
                (entry, zone) -> details.open(entry.tenant(), entry, zone));
        add(heading, browser);
        setFlexGrow(1, browser);
    }

    private LogPage page(LogFilter filter) {
        known = tenants.list().stream().map(TenantView::slug).collect(Collectors.toSet());
        return logs.listAll(filter);
    }

    /** The slug, linking to the tenant's Logs page while a tenant of that slug exists. */
    private Component tenantCell(LogEntry entry) {
        if (entry.tenant() == null) {
            return new Span("\u2014");
        }
        if (!known.contains(entry.tenant())) {
            Span unknown = new Span(entry.tenant() + " (no such tenant)");
            unknown.getStyle().set("color", "var(--lumo-secondary-text-color)");
            return unknown;
        }
        Anchor link = new Anchor("tenants/" + entry.tenant() + "/logs", entry.tenant());
        link.getElement().setAttribute("router-link", true);
        return link;
    }
}
