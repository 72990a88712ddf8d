package io.gatehouse.auth.audit;

import io.gatehouse.auth.access.RequestOrigin;
import io.gatehouse.common.PageCursor;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records changes in the caller's transaction, so a change and its audit entry commit (or roll back) together.
 * Entries are only ever added; {@link AuditLog} reads them.
 */
@Service
public class AuditTrail {
    private final AuditEventRepository events;
    private final ObjectProvider<RequestOrigin> origin;

    AuditTrail(AuditEventRepository events, ObjectProvider<RequestOrigin> origin) {
        this.events = events;
        this.origin = origin;
    }

    /**
     * @param detail a short description of the change; callers must never pass a secret
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String tenant, String objectType, String objectId, String detail) {
        RequestOrigin source = origin.getIfAvailable();
        String ip = source != null ? source.ip() : null;
        events.save(new AuditEvent(PageCursor.column(Instant.now()), currentActor(), ip, action, tenant, objectType,
                objectId, detail == null ? null : truncate(detail)));
    }

    /** Who is acting now: the signed-in user, or "system" outside a request. */
    public String currentActor() {
        RequestOrigin source = origin.getIfAvailable();
        if (source == null) {
            return currentPrincipal();
        }
        String principal = source.principal();
        return principal == null ? "system" : principal;
    }

    static String currentPrincipal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || auth.getName() == null ? "system" : auth.getName();
    }

    private static String truncate(String detail) {
        return detail.length() <= 4000 ? detail : detail.substring(0, 3997) + "...";
    }
}
