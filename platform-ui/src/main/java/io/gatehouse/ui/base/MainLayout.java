package io.gatehouse.ui.base;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.Set;

/** The frame around every signed-in console page: app name, navigation, who is signed in, sign out. */
@PermitAll
public class MainLayout extends AppLayout {

    MainLayout(AuthenticationContext authentication) {
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

        HorizontalLayout account = new HorizontalLayout(user, signOut);
        account.setAlignItems(FlexComponent.Alignment.CENTER);
        HorizontalLayout header = new HorizontalLayout(toggle, appName, account);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.CENTER);
        header.expand(appName);
        header.getStyle().set("padding-right", "var(--lumo-space-m)");
        addToNavbar(header);

        addToDrawer(navigation(authentication));
    }

    // Paths rather than view classes, so this package does not depend on the feature packages that use it.
    private static SideNav navigation(AuthenticationContext authentication) {
        SideNavItem tenants = new SideNavItem("Tenants", "tenants", VaadinIcon.BUILDING.create());
        tenants.setMatchNested(true);
        SideNavItem dashboard = new SideNavItem("Dashboard", "", VaadinIcon.DASHBOARD.create());
        dashboard.setPathAliases(Set.of("dashboard"));
        SideNavItem logs = new SideNavItem("Logs", "logs", VaadinIcon.LIST.create());
        SideNav nav = new SideNav();
        nav.addItem(dashboard, tenants, logs);
        if (authentication.hasAnyRole("PLATFORM_ADMIN", "TENANT_ADMIN")) {
            SideNavItem users = new SideNavItem("Users", "users", VaadinIcon.USERS.create());
            users.setId("nav-users");
            nav.addItem(users);
        }
        nav.setId("main-nav");
        nav.getStyle().set("padding", "var(--lumo-space-s)");
        return nav;
    }
}
