package io.gatehouse.ui.base;

import com.vaadin.flow.server.VaadinSession;
import io.gatehouse.auth.tenant.TenantView;
import java.util.List;
import java.util.Optional;

/**
 * The tenant the signed-in user last chose (tenant switcher) or opened, kept in the console session so pages that
 * are not under a tenant's address (the dashboard) start with it.
 */
public final class CurrentTenant {
    private static final String KEY = "gatehouse.current-tenant";

    private CurrentTenant() {
    }

    public static Optional<String> slug() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable((String) session.getAttribute(KEY));
    }

    public static void remember(String slug) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(KEY, slug);
        }
    }

    /** The remembered tenant when it is among {@code visible}, else the first visible one, else none. */
    public static Optional<TenantView> pick(List<TenantView> visible) {
        Optional<String> remembered = slug();
        return visible.stream().filter(t -> remembered.isPresent() && t.slug().equals(remembered.get())).findFirst()
                .or(() -> visible.stream().findFirst());
    }
}
