package io.gatehouse.ui.base;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.ErrorParameter;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.ParentLayout;
import io.gatehouse.common.ForbiddenException;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletResponse;

/**
 * What a page shows when a service refused the signed-in user while the page was opening (a viewer opening an edit
 * page, or an account disabled since signing in): the reason, instead of a generic error.
 */
@ParentLayout(MainLayout.class)
@PermitAll
public class ForbiddenView extends VerticalLayout implements HasErrorParameter<ForbiddenException> {

    @Override
    public int setErrorParameter(BeforeEnterEvent event, ErrorParameter<ForbiddenException> parameter) {
        removeAll();
        H2 heading = new H2("Not allowed");
        heading.setId("forbidden-heading");
        Anchor home = new Anchor("", "Back to the dashboard");
        home.getElement().setAttribute("router-link", true);
        add(heading, new Paragraph(parameter.getException().getMessage() + "."), home);
        return HttpServletResponse.SC_FORBIDDEN;
    }
}
