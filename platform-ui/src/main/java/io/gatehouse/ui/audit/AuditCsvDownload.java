package io.gatehouse.ui.audit;

import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.gatehouse.auth.audit.AuditFilter;
import io.gatehouse.auth.audit.AuditLog;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;

/** Streams the audit trail as CSV with the filter the page shows when the download starts (all pages, no cursor). */
final class AuditCsvDownload implements DownloadHandler {
    private final AuditLog audit;
    private final Supplier<AuditFilter> filter;

    AuditCsvDownload(AuditLog audit, Supplier<AuditFilter> filter) {
        this.audit = audit;
        this.filter = filter;
    }

    @Override
    public void handleDownloadRequest(DownloadEvent event) throws IOException {
        AuditFilter f = filter.get() == null ? AuditFilter.newest() : filter.get().withCursor(null);
        event.setFileName("audit-" + Instant.now().toString().replace(':', '-') + ".csv");
        event.setContentType("text/csv; charset=utf-8");
        Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
        audit.export(f).writeTo(out);
        out.flush();
    }
}
