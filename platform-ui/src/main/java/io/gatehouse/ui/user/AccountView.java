package io.gatehouse.ui.user;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.auth.user.UserView;
import io.gatehouse.ui.base.MainLayout;
import io.gatehouse.ui.base.RequestUrls;
import jakarta.annotation.security.PermitAll;

/** The signed-in user's own page: who am I, change my password, my API tokens for the admin API. */
@Route(value = "account", layout = MainLayout.class)
@PageTitle("My account | Gatehouse")
@PermitAll
public class AccountView extends VerticalLayout {

    AccountView(UserManagement users, ApiTokenService tokens, AuthenticationContext authentication) {
        setWidthFull();
        setMaxWidth("64rem");
        UserView me = users.get(authentication.getPrincipalName().orElse(""));

        Span name = new Span(me.username());
        name.setId("account-username");
        Span role = RoleFields.badge(me.role());
        role.setId("account-role");
        Span tenants = new Span(me.role() == ConsoleRole.PLATFORM_ADMIN ? "all tenants"
                : me.tenants().isEmpty() ? "none" : String.join(", ", me.tenants()));
        tenants.setId("account-tenants");
        FormLayout facts = new FormLayout();
        facts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        facts.addFormItem(name, "Username");
        facts.addFormItem(role, "Role");
        facts.addFormItem(tenants, "Tenants");

        add(new H2("My account"), facts,
                new H3("Change password"), new PasswordChangeForm(me.username(), users::changeOwnPassword),
                new H3("API tokens"), new TokenSection(tokens, RequestUrls.consoleBase()));
    }
}
