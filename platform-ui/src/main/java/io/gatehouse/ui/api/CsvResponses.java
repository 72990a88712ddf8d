package io.gatehouse.ui.api;

import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;

/** A CSV export as the answer: an attachment, never cached, streamed through a small buffer as it is written. */
final class CsvResponses {
    /** What writes the CSV (the {@code writeTo} of a checked export). */
    @FunctionalInterface
    interface Body {
        long writeTo(Writer out) throws IOException;
    }

    private CsvResponses() {
    }

    /** Sends {@code body} as {@code fileName}; call it only once the export was checked (errors are still JSON). */
    static void send(HttpServletResponse response, String fileName, Body body) throws IOException {
        response.setStatus(200);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8),
                16 * 1024);
        body.writeTo(out);
        out.flush();
    }
}
