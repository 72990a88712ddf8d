package io.gatehouse.ui.security;

import com.vaadin.flow.server.VaadinRequest;
import io.gatehouse.auth.access.RequestOrigin;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The signed-in user and client IP of the current console or API request, for access checks and the audit trail. */
@Component
class RequestAuditActor implements RequestOrigin {

    /**
     * The request's own principal first: Vaadin replaces the global security-context strategy, so the holder alone
     * is not reliable when several application contexts share a JVM (as tests do).
     */
    @Override
    public String principal() {
        java.security.Principal principal = null;
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            principal = servlet.getRequest().getUserPrincipal();
        } else if (VaadinRequest.getCurrent() != null) {
            principal = VaadinRequest.getCurrent().getUserPrincipal();
        }
        if (principal != null && principal.getName() != null) {
            return principal.getName();
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth instanceof AnonymousAuthenticationToken || !auth.isAuthenticated()
                ? null : auth.getName();
    }

    /** Only a servlet request bound by Spring's request-context filter; never one of Vaadin's push messages. */
    @Override
    public Object attribute(String name) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        return request == null ? null : request.getAttribute(name, RequestAttributes.SCOPE_REQUEST);
    }

    @Override
    public void setAttribute(String name, Object value) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request == null) {
            return;
        }
        if (value == null) {
            request.removeAttribute(name, RequestAttributes.SCOPE_REQUEST);
        } else {
            request.setAttribute(name, value, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    public String ip() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
            return servlet.getRequest().getRemoteAddr();
        }
        VaadinRequest vaadin = VaadinRequest.getCurrent();
        return vaadin == null ? null : vaadin.getRemoteAddr();
    }
}
