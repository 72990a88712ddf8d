package io.gatehouse.ui.credential;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.Route;
import io.gatehouse.ui.base.TenantPage;
import io.gatehouse.auth.credential.CredentialService;
import io.gatehouse.auth.credential.CredentialView;
import io.gatehouse.auth.credential.IssuedCredential;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.proxy.GatewayServer;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.ui.base.Confirm;
import io.gatehouse.ui.base.MainLayout;
import io.gatehouse.ui.base.Notices;
import io.gatehouse.ui.base.RequestUrls;
import jakarta.annotation.security.PermitAll;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** A tenant's keys: list, filter, issue, rotate and revoke. Secrets appear once, in a {@link SecretPanel}. */
@Route(value = "tenants/:slug/credentials", layout = MainLayout.class)
@PermitAll
public class CredentialsView extends TenantPage {
    private final CredentialService credentials;
    private final RouteService routes;
    private final GatewayServer gateway;
    private String tenant;
    private String gatewayBase;
    private CredentialList list;
    private ZoneId zone = ZoneOffset.UTC;

    CredentialsView(CredentialService credentials, TenantService tenants, AccessControl access, RouteService routes, GatewayServer gateway) {
        super(tenants, access, "credentials", "Keys");
        this.credentials = credentials;
        this.routes = routes;
        this.gateway = gateway;
        setWidthFull();
    }

    @Override
    protected String titleFor(TenantView tenant) {
        return "Keys of " + tenant.name();
    }

    @Override
    protected void forget() {
        tenant = null;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        event.getUI().getPage().retrieveExtendedClientDetails(details -> {
            try {
                zone = ZoneId.of(details.getTimeZoneId());
            } catch (DateTimeException | NullPointerException e) {
                zone = ZoneOffset.UTC;
            }
        });
    }

    @Override
    protected void show(TenantView view) {
        tenant = view.slug();
        gatewayBase = gatewayBase();
        Anchor back = new Anchor("tenants/" + view.slug(), "\u2190 " + view.name());
        back.setId("credentials-back");
        back.getElement().setAttribute("router-link", true);
        H2 heading = new H2("Keys for " + view.name());
        heading.setId("credentials-heading");
        Paragraph hint = new Paragraph();
        hint.add(new Text("Callers present a key to the gateway at "), new Code(gatewayBase + "/" + tenant + "/\u2026"),
                new Text(". A secret is shown once, when its key is issued or rotated; this list never shows one."));
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-top", "0");

        Button issue = new Button("Issue key", VaadinIcon.KEY.create(), e -> openIssue());
        issue.setId("issue-key");
        issue.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        issue.setVisible(editable());
        list = new CredentialList(issue, this::openRotate, this::confirmRevoke, editable());
        add(back, heading, hint, list);
        refresh();
    }

    private void openIssue() {
        List<String> routeNames;
        try {
            routeNames = routes.list(tenant).stream().map(RouteView::name).toList();
        } catch (NotFoundException e) {
            Notices.error("Tenant '" + tenant + "' no longer exists");
            return;
        }
        IssueKeyForm.dialog(routeNames, zone, request -> credentials.issue(tenant, request),
                issued -> showOnce(issued, false)).open();
    }

    private void openRotate(CredentialView key) {
        new RotateDialog(key, grace -> rotate(key, grace)).open();
    }

    private void rotate(CredentialView key, Duration grace) {
        try {
            showOnce(credentials.rotate(tenant, key.id(), grace), true);
        } catch (InvalidInputException | NotFoundException e) {
            Notices.error("Key '" + key.name() + "' was not rotated: " + message(e));
            refresh();
        }
    }

    private void confirmRevoke(CredentialView key) {
        Confirm.destructive("Revoke key '" + key.name() + "'?",
                key.type() + " key '" + key.name() + "' (" + key.keyPrefix() + ") stops working on the gateway within"
                        + " a second. Callers using it get 401. This cannot be undone.",
                "Revoke key", () -> revoke(key));
    }

    private void revoke(CredentialView key) {
        try {
            credentials.revoke(tenant, key.id());
            Notices.success("Key '" + key.name() + "' revoked");
        } catch (NotFoundException e) {
            Notices.error(e.getMessage());
        }
        refresh();
    }

    // The key goes straight into the panel; this view keeps no reference to it.
    private void showOnce(IssuedCredential key, boolean rotated) {
        List<RouteView> tenantRoutes = routes.list(tenant);
        SecretPanel panel = new SecretPanel(key, ExampleUrl.of(gatewayBase, tenant, key.type(), key.routes(),
                tenantRoutes), rotated);
        add(panel);
        panel.open();
        refresh();
    }

    private void refresh() {
        try {
            list.setItems(credentials.list(tenant));
        } catch (NotFoundException e) {
            Notices.error("Tenant '" + tenant + "' no longer exists");
            list.setItems(List.of());
        }
    }

    private static String message(RuntimeException e) {
        if (e instanceof InvalidInputException invalid && !invalid.problems().isEmpty()) {
            return invalid.problems().get(0).message();
        }
        return e.getMessage();
    }

    /** Where callers reach the gateway as far as this page can tell: the console's host with the gateway's port. */
    private String gatewayBase() {
        return "http://" + RequestUrls.host() + ":" + gateway.port();
    }
}
