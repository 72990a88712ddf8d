package io.gatehouse.ui.log;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.function.SerializableBiConsumer;
import com.vaadin.flow.function.SerializableFunction;
import com.vaadin.flow.shared.Registration;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.ui.base.ClientTime;
import io.gatehouse.ui.base.LoadMore;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The body of a Logs page: filters, refresh / live / extra actions, the grid newest first and "Load more" (keyset
 * cursors). Where the pages come from, whether there is a tenant column and what a row click opens is up to the page.
 */
class LogBrowser extends VerticalLayout {
    static final int PAGE_SIZE = 50;
    static final int LIVE_INTERVAL_MS = 3000;

    private final LogFilterBar filters;
    private final Grid<LogEntry> grid = new Grid<>(LogEntry.class, false);
    private final LoadMore<LogFilter, LogEntry> paging;
    private final Checkbox live = new Checkbox("Live");
    private final HorizontalLayout actions;
    private ZoneId zone = ZoneOffset.UTC;
    private Registration poll;

    /**
     * @param routes     the tenant's route names for the route filter, or null to type one
     * @param tenantCell the tenant column's cell, or null for no tenant column
     */
    LogBrowser(List<String> routes, SerializableFunction<LogFilter, LogPage> source,
               SerializableFunction<LogEntry, Component> tenantCell, SerializableBiConsumer<LogEntry, ZoneId> open) {
        this.paging = new LoadMore<>(grid, f -> {
            LogPage page = source.apply(f);
            return new LoadMore.Page<>(page.items(), page.nextCursor());
        }, LogFilter::withCursor, "call", "calls");
        this.filters = new LogFilterBar(routes, this::reload);
        setPadding(false);
        setSizeFull();
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("logs-refresh");
        live.setId("logs-live");
        live.addValueChangeListener(e -> getUI().ifPresent(ui -> setLive(ui, e.getValue())));
        paging.summary().setId("logs-summary");
        actions = new HorizontalLayout(refresh, live, paging.summary());
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        configureGrid(tenantCell, open);
        ClientTime.followZone(this, z -> {
            zone = z;
            grid.getDataProvider().refreshAll();
        });
        paging.button().setId("logs-more");
        add(filters, actions, grid, paging.button());
        setFlexGrow(1, grid);
        reload();
    }

    /** Adds an action (such as the CSV export) before the summary. */
    void addAction(Component action) {
        actions.addComponentAtIndex(actions.indexOf(paging.summary()), action);
    }

    /** The filter of the rows shown (null until one was valid). */
    LogFilter current() {
        return paging.current();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        setLive(event.getUI(), false);
        super.onDetach(event);
    }

    private void configureGrid(SerializableFunction<LogEntry, Component> tenantCell,
                               SerializableBiConsumer<LogEntry, ZoneId> open) {
        grid.setId("logs-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(e -> ClientTime.format(e.timestamp(), zone)).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        if (tenantCell != null) {
            grid.addComponentColumn(tenantCell::apply).setHeader("Tenant").setAutoWidth(true).setKey("tenant");
        }
        grid.addColumn(LogEntry::method).setHeader("Method").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(LogEntry::path).setHeader("Path").setFlexGrow(2);
        grid.addColumn(e -> e.route() == null ? "\u2014" : e.route()).setHeader("Route").setAutoWidth(true);
        grid.addComponentColumn(e -> LogFormats.statusBadge(e.status())).setHeader("Status").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(e -> e.errorCode() == null ? "" : e.errorCode()).setHeader("Error").setAutoWidth(true);
        grid.addColumn(e -> e.latencyMs() + " ms").setHeader("Latency").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.attempts().size()).setHeader("Attempts").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.credentialId() == null ? "" : e.credentialId()).setHeader("Credential").setAutoWidth(true);
        grid.setWidthFull();
        grid.setMinHeight("320px");
        grid.addItemClickListener(e -> {
            if (e.getColumn() == null || !"tenant".equals(e.getColumn().getKey())) { // that cell is a link away
                open.accept(e.getItem(), zone);
            }
        });
    }

    /** Back to the newest page with the current filters (on a filter change, refresh and each live tick). */
    private void reload() {
        paging.reload(filters.filter(Instant.now(), zone, PAGE_SIZE));
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
