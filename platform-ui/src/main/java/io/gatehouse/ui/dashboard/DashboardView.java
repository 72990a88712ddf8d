package io.gatehouse.ui.dashboard;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.Tabs;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.log.LogStatsService;
import io.gatehouse.gateway.log.TrafficStats;
import io.gatehouse.ui.base.CurrentTenant;
import io.gatehouse.ui.base.MainLayout;
import io.gatehouse.ui.chart.SvgView;
import jakarta.annotation.security.PermitAll;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Gateway traffic at a glance: the last hour (per minute) or day (per 15 minutes), all tenants or one. */
@Route(value = "", layout = MainLayout.class)
@RouteAlias(value = "dashboard", layout = MainLayout.class)
@PageTitle("Dashboard | Gatehouse")
@PermitAll
public class DashboardView extends VerticalLayout {
    private final LogStatsService stats;
    private final boolean allTenants;
    private final Tabs period = new Tabs(new Tab("Last hour"), new Tab("Last day"));
    private final ComboBox<TenantView> tenant = new ComboBox<>("Tenant");
    private final SvgView requests = chart("chart-requests");
    private final SvgView statuses = chart("chart-status");
    private final SvgView latency = chart("chart-latency");
    private final Grid<TrafficStats.RouteTraffic> routes = new Grid<>();
    private final Grid<TrafficStats.TargetFailures> targets = new Grid<>();
    private final Span note = new Span();
    private ZoneId zone = ZoneOffset.UTC;

    DashboardView(LogStatsService stats, TenantService tenants, AccessControl access) {
        this.stats = stats;
        this.allTenants = access.caller().isPlatformAdmin();
        setWidthFull();
        H2 heading = new H2("Dashboard");
        heading.setId("dashboard-heading");
        period.setId("dashboard-period");
        tenant.setId("dashboard-tenant");
        List<TenantView> visible = tenants.list();
        tenant.setItems(visible);
        tenant.setItemLabelGenerator(t -> t.name() + " (" + t.slug() + ")");
        if (allTenants) {
            tenant.setPlaceholder("all tenants");
            tenant.setClearButtonVisible(true);
        } else {
            // tenant users see one of their tenants at a time, never traffic across tenants
            tenant.setPlaceholder("no tenant yet");
            CurrentTenant.pick(visible).ifPresent(tenant::setValue);
        }
        period.addSelectedChangeListener(e -> refresh());
        tenant.addValueChangeListener(e -> refresh());
        HorizontalLayout controls = new HorizontalLayout(period, tenant);
        controls.setAlignItems(FlexComponent.Alignment.BASELINE);

        routes.setId("dashboard-routes");
        routes.addThemeVariants(GridVariant.LUMO_COMPACT);
        routes.addColumn(r -> r.tenant() + " / " + r.route()).setHeader("Route").setFlexGrow(2);
        routes.addColumn(TrafficStats.RouteTraffic::requests).setHeader("Requests");
        routes.addColumn(TrafficStats.RouteTraffic::serverErrors).setHeader("5xx");
        routes.addColumn(r -> r.avgLatencyMs() + " ms").setHeader("Avg latency");
        routes.setAllRowsVisible(true);
        targets.setId("dashboard-targets");
        targets.addThemeVariants(GridVariant.LUMO_COMPACT);
        targets.addColumn(TrafficStats.TargetFailures::target).setHeader("Upstream target").setFlexGrow(2);
        targets.addColumn(TrafficStats.TargetFailures::failedAttempts).setHeader("Failed attempts");
        targets.addColumn(TrafficStats.TargetFailures::lastErrorCode).setHeader("Latest error");
        targets.setAllRowsVisible(true);
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");

        Div charts = new Div(requests, statuses, latency);
        charts.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fit, minmax(420px, 1fr))")
                .set("gap", "var(--lumo-space-m)").set("width", "100%");
        add(heading, controls, charts, new H4("Top routes"), routes, new H4("Top failing upstreams"), targets, note);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        refresh();
        event.getUI().getPage().retrieveExtendedClientDetails(d -> {
            try {
                zone = ZoneId.of(d.getTimeZoneId());
            } catch (DateTimeException | NullPointerException e) {
                zone = ZoneOffset.UTC;
            }
            refresh();
        });
    }

    private void refresh() {
        boolean day = period.getSelectedIndex() == 1;
        int bucket = day ? 900 : 60;
        Instant to = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant from = to.minus(day ? Duration.ofDays(1) : Duration.ofHours(1));
        from = Instant.ofEpochSecond(Math.floorDiv(from.getEpochSecond(), bucket) * bucket);
        if (!allTenants && tenant.getValue() == null) {
            note.setText("You belong to no tenant yet, so there is no traffic to show. Ask a platform admin to add"
                    + " you to a tenant.");
            return;
        }
        TrafficStats s;
        try {
            s = stats.stats(tenant.getValue() == null ? null : tenant.getValue().slug(), from, to, bucket);
        } catch (NotFoundException e) {
            tenant.clear();
            return;
        }
        requests.setSvg(DashboardCharts.requestsPerMinute(s, zone));
        statuses.setSvg(DashboardCharts.statusClasses(s, zone));
        latency.setSvg(DashboardCharts.latency(s, zone));
        routes.setItems(s.topRoutes());
        targets.setItems(s.failingTargets());
        note.setText((day ? "Per 15 minutes" : "Per minute") + "; latency percentiles are estimated from a fixed"
                + " histogram. Failing upstreams are counted from the newest " + s.failingTargetsSampled()
                + " failed calls.");
    }

    private static SvgView chart(String id) {
        SvgView view = new SvgView("");
        view.setId(id);
        return view;
    }
}
