package io.gatehouse.ui.base;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.common.NotFoundException;

/**
 * A page about one tenant, at a route with a {@code :slug} parameter: loads the tenant on every visit and shows it,
 * or says plainly that there is no such tenant (with the element id {@code <idPrefix>-missing}); a tenant the user
 * does not belong to looks the same.
 */
public abstract class TenantPage extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final TenantService tenants;
    private final AccessControl access;
    private final String idPrefix;
    private String title;
    private boolean editable;

    protected TenantPage(TenantService tenants, AccessControl access, String idPrefix, String defaultTitle) {
        this.tenants = tenants;
        this.access = access;
        this.idPrefix = idPrefix;
        this.title = defaultTitle + " | Gatehouse";
    }

    /** Fills the page for an existing tenant. */
    protected abstract void show(TenantView tenant);

    /** The browser tab title for an existing tenant, without the product name. */
    protected abstract String titleFor(TenantView tenant);

    /** Called before the missing-tenant page is shown, to forget the previous tenant. */
    protected void forget() {
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get("slug").orElse("");
        removeAll();
        TenantView tenant;
        try {
            tenant = tenants.get(slug);
        } catch (NotFoundException e) {
            forget();
            showMissing(slug);
            return;
        }
        title = titleFor(tenant) + " | Gatehouse";
        editable = access.canManage(slug);
        CurrentTenant.remember(slug);
        show(tenant);
    }

    /** Whether the signed-in user may change the shown tenant; views hide their edit controls otherwise. */
    protected boolean editable() {
        return editable;
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    private void showMissing(String slug) {
        title = "No such tenant | Gatehouse";
        H2 heading = new H2("No tenant '" + slug + "'");
        heading.setId(idPrefix + "-missing");
        Anchor all = new Anchor("tenants", "Back to all tenants");
        all.getElement().setAttribute("router-link", true);
        add(heading, new Paragraph("It may have been deleted, or the address is mistyped."), all);
    }
}
