package io.gatehouse.ui.security;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** Sign-in page; Spring Security processes the form post. */
@Route("login")
@PageTitle("Sign in | Gatehouse")
@AnonymousAllowed
public class LoginView extends VerticalLayout implements BeforeEnterObserver {
    private final LoginForm login = new LoginForm();

    public LoginView() {
        setSizeFull();
        setAlignItems(Alignment.CENTER);
        setJustifyContentMode(JustifyContentMode.CENTER);
        login.setId("login-form");
        login.setAction("login");
        login.setForgotPasswordButtonVisible(false);
        add(new H1("Gatehouse"), new Paragraph("Multi-tenant API and AI gateway console"), login);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var parameters = event.getLocation().getQueryParameters().getParameters();
        LoginI18n i18n = LoginI18n.createDefault();
        long retry = retrySeconds(parameters.get("retry"));
        if (retry > 0) {
            i18n.getErrorMessage().setTitle("Too many failed sign-ins");
            i18n.getErrorMessage().setMessage("Too many failed sign-ins \u2014 try again in " + retry + " seconds");
        }
        login.setI18n(i18n);
        login.setError(parameters.containsKey("error"));
    }

    /** The wait the throttle put in the redirect; only a plain number of seconds is shown. */
    private static long retrySeconds(java.util.List<String> values) {
        if (values == null || values.isEmpty() || !values.get(0).matches("\\d{1,6}")) {
            return 0;
        }
        return Long.parseLong(values.get(0));
    }
}
