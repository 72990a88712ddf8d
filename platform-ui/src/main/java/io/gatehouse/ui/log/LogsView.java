package io.gatehouse.ui.log;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.ui.base.MainLayout;
import jakarta.annotation.security.RolesAllowed;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's request log, newest first. Pages come from keyset cursors ("Load more" appends the next page); the
 * filters, the live refresh and the CSV export all use the same filter.
 */
@Route(value = "tenants/:slug/logs", layout = MainLayout.class)
@RolesAllowed("PLATFORM_ADMIN")
public class LogsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    static final int PAGE_SIZE = 50;
    static final int LIVE_INTERVAL_MS = 3000;

    private final RequestLogService logs;
    private final TenantService tenants;
    private final RouteService routes;
    private final LogDetails details;
    private final Grid<LogEntry> grid = new Grid<>(LogEntry.class, false);
    private final List<LogEntry> shown = new ArrayList<>();
    private final Button more = new Button("Load more");
    private final Span summary = new Span();
    private final Checkbox live = new Checkbox("Live");
    private volatile String tenant;
    private volatile LogFilter current;
    private LogFilterBar filters;
    private String nextCursor;
    private ZoneId zone = ZoneOffset.UTC;
    private Registration poll;
    private String title = "Logs | Gatehouse";

    LogsView(RequestLogService logs, TenantService tenants, RouteService routes, LogDetails details) {
        this.logs = logs;
        this.tenants = tenants;
        this.routes = routes;
        this.details = details;
        setSizeFull();
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get("slug").orElse("");
        removeAll();
        try {
            show(tenants.get(slug));
        } catch (NotFoundException e) {
            tenant = null;
            title = "No such tenant | Gatehouse";
            H2 heading = new H2("No tenant '" + slug + "'");
            heading.setId("logs-missing");
            add(heading, new Paragraph("It may have been deleted, or the address is mistyped."));
        }
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().retrieveExtendedClientDetails(d -> {
            try {
                zone = ZoneId.of(d.getTimeZoneId());
            } catch (DateTimeException | NullPointerException e) {
                zone = ZoneOffset.UTC;
            }
            if (tenant != null) {
                grid.getDataProvider().refreshAll();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        setLive(event.getUI(), false);
        super.onDetach(event);
    }

    private void show(TenantView view) {
        tenant = view.slug();
        title = "Logs of " + view.name() + " | Gatehouse";
        Anchor back = new Anchor("tenants/" + view.slug(), "\u2190 " + view.name());
        back.getElement().setAttribute("router-link", true);
        H2 heading = new H2("Request log of " + view.name());
        heading.setId("logs-heading");
        filters = new LogFilterBar(routes.list(tenant).stream().map(RouteView::name).toList(), this::reload);

        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("logs-refresh");
        live.setId("logs-live");
        live.addValueChangeListener(e -> getUI().ifPresent(ui -> setLive(ui, e.getValue())));
        Anchor export = new Anchor(new LogCsvDownload(logs, () -> tenant, () -> current), "");
        export.setId("logs-export");
        Button exportButton = new Button("Export CSV", VaadinIcon.DOWNLOAD.create());
        exportButton.setTabIndex(-1);
        export.add(exportButton);
        HorizontalLayout actions = new HorizontalLayout(refresh, live, export, summary);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);

        configureGrid();
        more.setId("logs-more");
        more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        more.addClickListener(e -> loadMore());
        add(back, heading, filters, actions, grid, more);
        reload();
    }

    private void configureGrid() {
        grid.setId("logs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> LogFormats.time(e.timestamp(), zone)).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LogEntry::method).setHeader("Method").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LogEntry::path).setHeader("Path").setFlexGrow(2);
        grid.addColumn(e -> e.route() == null ? "\u2014" : e.route()).setHeader("Route").setAutoWidth(true);
        grid.addComponentColumn(e -> LogFormats.statusBadge(e.status())).setHeader("Status").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.errorCode() == null ? "" : e.errorCode()).setHeader("Error").setAutoWidth(true);
        grid.addColumn(e -> e.latencyMs() + " ms").setHeader("Latency").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.attempts().size()).setHeader("Attempts").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.credentialId() == null ? "" : e.credentialId()).setHeader("Credential").setAutoWidth(true);
        grid.setItems(shown);
        grid.setWidthFull();
        grid.setMinHeight("320px");
        setFlexGrow(1, grid);
        grid.addItemClickListener(e -> details.open(tenant, e.getItem(), zone));
    }

    /** Back to the newest page with the current filters (on a filter change, refresh and each live tick). */
    private void reload() {
        if (tenant == null) {
            return;
        }
        LogFilter filter = filters.filter(Instant.now(), zone, PAGE_SIZE);
        if (filter == null) {
            return;
        }
        current = filter;
        shown.clear();
        nextCursor = null;
        fetch(filter);
    }

    private void loadMore() {
        if (current != null && nextCursor != null) {
            fetch(current.withCursor(nextCursor));
        }
    }

    private void fetch(LogFilter filter) {
        LogPage page;
        try {
            page = logs.list(tenant, filter);
        } catch (NotFoundException e) {
            page = new LogPage(List.of(), null);
        }
        shown.addAll(page.items());
        nextCursor = page.nextCursor();
        grid.getDataProvider().refreshAll();
        more.setVisible(nextCursor != null);
        summary.setText(shown.isEmpty() ? "No calls match." : shown.size() + (nextCursor == null ? " calls"
                : "+ calls, newest first"));
        summary.setId("logs-summary");
    }

    private void setLive(UI ui, boolean on) {
        if (poll != null) {
            poll.remove();
            poll = null;
            ui.setPollInterval(-1);
        }
        if (on) {
            ui.setPollInterval(LIVE_INTERVAL_MS);
            poll = ui.addPollListener(e -> reload());
        }
    }
}
