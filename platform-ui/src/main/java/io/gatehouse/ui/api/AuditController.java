package io.gatehouse.ui.api;

import io.gatehouse.auth.audit.AuditExport;
import io.gatehouse.auth.audit.AuditFilter;
import io.gatehouse.auth.audit.AuditLog;
import io.gatehouse.auth.audit.AuditPage;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail: {@code GET /audit} pages newest first with an opaque {@code nextCursor}; {@code GET /audit.csv}
 * streams every matching entry as CSV. Both show only the entries of the tenants the caller may see.
 */
@RestController
@RequestMapping("/api/v1")
class AuditController {
    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    AuditPage list(@RequestParam(required = false) String tenant, @RequestParam(required = false) String actor,
                   @RequestParam(required = false) String action, @RequestParam(required = false) String type,
                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                   @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return audit.search(AuditFilter.parse(tenant, actor, action, type, from, to, limit, cursor));
    }

    @GetMapping("/audit.csv")
    void csv(@RequestParam(required = false) String tenant, @RequestParam(required = false) String actor,
             @RequestParam(required = false) String action, @RequestParam(required = false) String type,
             @RequestParam(required = false) String from, @RequestParam(required = false) String to,
             HttpServletResponse response) throws IOException {
        // checked before the first byte: a bad filter or a foreign tenant is still a problem+json answer
        AuditExport export = audit.export(AuditFilter.parse(tenant, actor, action, type, from, to, null, null));
        CsvResponses.send(response, "audit.csv", export::writeTo);
    }
}
