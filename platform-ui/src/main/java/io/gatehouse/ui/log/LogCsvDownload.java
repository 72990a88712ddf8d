package io.gatehouse.ui.log;

import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.RequestLogService;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;

/** Streams the tenant's log as CSV with the filter the page shows when the download starts (all pages, no cursor). */
final class LogCsvDownload implements DownloadHandler {
    private final RequestLogService logs;
    private final Supplier<String> tenant;
    private final Supplier<LogFilter> filter;

    LogCsvDownload(RequestLogService logs, Supplier<String> tenant, Supplier<LogFilter> filter) {
        this.logs = logs;
        this.tenant = tenant;
        this.filter = filter;
    }

    @Override
    public void handleDownloadRequest(DownloadEvent event) throws IOException {
        String slug = tenant.get();
        LogFilter f = filter.get() == null ? LogFilter.newest() : filter.get().withCursor(null);
        event.setFileName(slug + "-logs-" + Instant.now().toString().replace(':', '-') + ".csv");
        event.setContentType("text/csv; charset=utf-8");
        Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
        logs.export(slug, f).writeTo(out);
        out.flush();
    }
}
