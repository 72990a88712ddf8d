package io.gatehouse.ui.base;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.common.ForbiddenException;
import jakarta.annotation.security.PermitAll;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The frame around every signed-in console page: app name, navigation, who is signed in, sign out. */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {
    private static final Pattern TENANT_PATH = Pattern.compile("^tenants/([^/]+)(/.*)?$");

    private final ComboBox<TenantView> switcher = new ComboBox<>();
    private final TenantService tenants;

    MainLayout(AuthenticationContext authentication, TenantService tenants, AccessControl access) {
        this.tenants = tenants;
        DrawerToggle toggle = new DrawerToggle();
        Span appName = new Span("Gatehouse");
        appName.setId("app-name");
        appName.getStyle().set("font-size", "var(--lumo-font-size-l)").set("font-weight", "600");

        Anchor user = new Anchor("account", authentication.getPrincipalName().orElse(""));
        user.setId("current-user");
        user.setTitle("My account: password and API tokens");
        user.getElement().setAttribute("router-link", true);
        user.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Button signOut = new Button("Sign out", VaadinIcon.SIGN_OUT.create(), e -> authentication.logout());
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);

        configureSwitcher();
        HorizontalLayout account = new HorizontalLayout(switcher, user, signOut);
        account.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(toggle, appName, account);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(appName);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        addToDrawer(navigation(currentRole(access)));
    }

    /** The role as stored now (it may have changed since sign-in), or null for an account disabled since. */
    private static ConsoleRole currentRole(AccessControl access) {
        try {
            return access.caller().role();
        } catch (ForbiddenException e) {
            return null;
        }
    }

    /** For users with several tenants: jump to the same page of another tenant. */
    private void configureSwitcher() {
        switcher.setId("tenant-switcher");
        switcher.setAriaLabel("Tenant");
        switcher.setPlaceholder("Switch tenant");
        switcher.setItemLabelGenerator(t -> t.name() + " (" + t.slug() + ")");
        switcher.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                CurrentTenant.remember(e.getValue().slug());
                getUI().ifPresent(ui -> ui.navigate(pathFor(ui.getInternals().getActiveViewLocation().getPath(),
                        e.getValue().slug())));
            }
        });
    }

    /** The same page (tenant, keys or logs) of another tenant; the tenant's main page from anywhere else. */
    static String pathFor(String currentPath, String slug) {
        Matcher m = TENANT_PATH.matcher(currentPath == null ? "" : currentPath);
        String rest = m.matches() && m.group(2) != null ? m.group(2) : "";
        return "tenants/" + slug + rest;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        List<TenantView> visible;
        try {
            visible = tenants.list();
        } catch (ForbiddenException e) {
            visible = List.of(); // account disabled or removed since sign-in: the page says why
        }
        switcher.setItems(visible);
        switcher.setVisible(visible.size() > 1);
        Matcher m = TENANT_PATH.matcher(event.getLocation().getPath());
        String slug = m.matches() ? m.group(1) : CurrentTenant.slug().orElse(null);
        visible.stream().filter(t -> t.slug().equals(slug)).findFirst()
                .ifPresentOrElse(switcher::setValue, switcher::clear);
    }

    // Paths rather than view classes, so this package does not depend on the feature packages that use it.
    private static SideNav navigation(ConsoleRole role) {
        SideNavItem tenants = new SideNavItem("Tenants", "tenants", VaadinIcon.BUILDING.create());
        tenants.setMatchNested(true);
        SideNavItem dashboard = new SideNavItem("Dashboard", "", VaadinIcon.DASHBOARD.create());
        dashboard.setPathAliases(Set.of("dashboard"));
        SideNav nav = new SideNav();
        nav.addItem(dashboard, tenants);
        nav.addItem(new SideNavItem("Audit", "audit", VaadinIcon.CLIPBOARD_TEXT.create()));
        if (role == ConsoleRole.PLATFORM_ADMIN || role == ConsoleRole.TENANT_ADMIN) {
            SideNavItem users = new SideNavItem("Users", "users", VaadinIcon.USERS.create());
            users.setId("nav-users");
            nav.addItem(users);
        }
        if (role == ConsoleRole.PLATFORM_ADMIN) {
            // the log across tenants; tenant users open their tenant's log from its page
            nav.addItem(new SideNavItem("Logs", "logs", VaadinIcon.LIST.create()));
        }
        nav.setId("main-nav");
        nav.getStyle().set("padding", "var(--lumo-space-s)");
        return nav;
    }
}
