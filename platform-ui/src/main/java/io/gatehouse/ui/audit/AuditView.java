package io.gatehouse.ui.audit;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.auth.audit.AuditFilter;
import io.gatehouse.auth.audit.AuditLog;
import io.gatehouse.auth.audit.AuditPage;
import io.gatehouse.auth.audit.AuditRecord;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.ui.base.ClientTime;
import io.gatehouse.ui.base.LoadMore;
import io.gatehouse.ui.base.MainLayout;
import jakarta.annotation.security.PermitAll;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The audit trail, newest first: who changed what, when and from where. Filters reload from the newest entry; "Load
 * more" appends the next keyset page; a click shows an entry in full; the CSV download uses the filters shown.
 * For platform admins, who see every entry (platform-level ones without a tenant included).
 */
@Route(value = "audit", layout = MainLayout.class)
@PageTitle("Audit trail")
@PermitAll
class AuditView extends VerticalLayout {
    static final int PAGE_SIZE = 50;

    private final AuditFilterBar filters;
    private final Grid<AuditRecord> grid = new Grid<>(AuditRecord.class, false);
    private final LoadMore<AuditFilter, AuditRecord> paging;
    private ZoneId zone = ZoneOffset.UTC;

    AuditView(AuditLog audit, TenantService tenants) {
        this.paging = new LoadMore<>(grid, f -> {
            AuditPage page = audit.search(f);
            return new LoadMore.Page<>(page.items(), page.nextCursor());
        }, AuditFilter::withCursor, "entry", "entries");
        this.filters = new AuditFilterBar(tenants.list().stream().map(TenantView::slug).toList(), this::reload);
        setSizeFull();
        H2 heading = new H2("Audit trail");
        heading.setId("audit-heading");
        Paragraph note = new Paragraph("Changes made in the console and through the admin API: who made each one, when "
                + "and from where. The trail is append-only - entries are never edited or deleted, here or anywhere "
                + "else in Gatehouse.");
        note.setId("audit-append-only");
        note.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        Button refresh = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> reload());
        refresh.setId("audit-refresh");
        Anchor csv = new Anchor(new AuditCsvDownload(audit, paging::current), "");
        csv.setId("audit-csv");
        Button csvButton = new Button("Download CSV", VaadinIcon.DOWNLOAD.create());
        csvButton.setTabIndex(-1);
        csv.add(csvButton);
        paging.summary().setId("audit-summary");
        HorizontalLayout actions = new HorizontalLayout(refresh, csv, paging.summary());
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        configureGrid();
        ClientTime.followZone(this, z -> {
            zone = z;
            grid.getDataProvider().refreshAll();
        });
        paging.button().setId("audit-load-more");
        add(heading, note, filters, actions, grid, paging.button());
        setFlexGrow(1, grid);
        reload();
    }

    private void configureGrid() {
        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.addColumn(r -> ClientTime.format(r.occurredAt(), zone)).setHeader("Time").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(AuditRecord::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(r -> orDash(r.actorIp())).setHeader("IP").setAutoWidth(true);
        grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(r -> orDash(r.tenant())).setHeader("Tenant").setAutoWidth(true);
        grid.addColumn(AuditRecord::objectType).setHeader("Object type").setAutoWidth(true);
        grid.addColumn(r -> orDash(r.objectId())).setHeader("Object id").setAutoWidth(true);
        grid.addColumn(r -> r.detail() == null ? "" : r.detail()).setHeader("Detail").setFlexGrow(3)
                .setTooltipGenerator(r -> "Click for the whole entry");
        grid.setWidthFull();
        grid.setMinHeight("320px");
        grid.addItemClickListener(e -> new AuditDetailDialog(e.getItem(), zone).open());
    }

    /** Back to the newest page with the current filters (on a filter change and on refresh). */
    private void reload() {
        paging.reload(filters.filter(Instant.now(), zone, PAGE_SIZE));
    }

    private static String orDash(String value) {
        return value == null ? "\u2014" : value;
    }
}
