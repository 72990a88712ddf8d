package io.gatehouse.ui.api;

import io.gatehouse.gateway.log.LogExport;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.gateway.log.RequestLogService;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tenant's request log: {@code GET .../logs} pages newest first with an opaque {@code nextCursor};
 * {@code GET .../logs.csv} streams every matching row as CSV, written while it is read from the database.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class LogController {
    private final RequestLogService logs;

    LogController(RequestLogService logs) {
        this.logs = logs;
    }

    @GetMapping("/logs")
    LogPage list(@PathVariable String tenant,
                 @RequestParam(required = false) String route, @RequestParam(required = false) String status,
                 @RequestParam(required = false) String credential, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, @RequestParam(required = false) String q,
                 @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        return logs.list(tenant, LogFilter.parse(route, status, credential, from, to, q, limit, cursor));
    }

    @GetMapping("/logs.csv")
    void csv(@PathVariable String tenant,
             @RequestParam(required = false) String route, @RequestParam(required = false) String status,
             @RequestParam(required = false) String credential, @RequestParam(required = false) String from,
             @RequestParam(required = false) String to, @RequestParam(required = false) String q,
             HttpServletResponse response) throws IOException {
        // checked before the first byte: an unknown tenant or a bad filter is still a problem+json answer
        LogExport export = logs.export(tenant, LogFilter.parse(route, status, credential, from, to, q, null, null));
        CsvResponses.send(response, tenant + "-logs.csv", export::writeTo);
    }
}
