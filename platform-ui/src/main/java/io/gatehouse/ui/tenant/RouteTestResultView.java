package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.probe.RouteTestResult;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** What a test call gave: status, timings, the body's first bytes, and the gateway's attempts. */
final class RouteTestResultView extends VerticalLayout {
    /** One row of the attempts table: its number (from 1) and the attempt. */
    record Row(int number, Attempt attempt) {
    }

    RouteTestResultView() {
        setId("route-test-result");
        setPadding(false);
        setVisible(false);
    }

    void clear() {
        removeAll();
        setVisible(false);
    }

    void showProblem(String text) {
        removeAll();
        Paragraph problem = new Paragraph(text);
        problem.setId("route-test-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)");
        add(problem);
        setVisible(true);
    }

    void show(RouteTestResult result) {
        if (result.problem() != null) {
            showProblem("The test call failed: " + result.problem());
            add(new Code(result.url()));
            return;
        }
        removeAll();
        Map<String, String> headers = result.headers();
        CallRecord call = result.call();

        Span status = new Span(String.valueOf(result.status()));
        status.setId("route-test-status");
        status.getElement().getThemeList().addAll(List.of(TestFormats.statusTheme(result.status()).split(" ")));
        HorizontalLayout summary = new HorizontalLayout(status,
                fact("route-test-elapsed", "total " + result.elapsedMs() + " ms"),
                fact("route-test-attempt-count", TestFormats.attempts(headers.get("x-gateway-attempts"))),
                fact("route-test-latency", TestFormats.latencies(headers)));
        if (call != null && call.errorCode() != null) {
            summary.add(fact("route-test-error-code", "error code " + call.errorCode()));
        }
        summary.setAlignItems(FlexComponent.Alignment.BASELINE);
        summary.getStyle().set("flex-wrap", "wrap");
        Div url = new Div(new Code(result.url()));
        url.setId("route-test-url");
        add(summary, url);
        if (headers.containsKey("x-request-id") || headers.containsKey("content-type")) {
            add(small("request id " + headers.getOrDefault("x-request-id", "-") + " - content type "
                    + headers.getOrDefault("content-type", "-")));
        }

        Pre preview = new Pre(result.bodyPreview().isEmpty() ? "(empty body)" : result.bodyPreview());
        preview.setId("route-test-body-preview");
        preview.getStyle().set("max-height", "14rem").set("overflow", "auto").set("white-space", "pre-wrap")
                .set("word-break", "break-all").set("margin", "0").set("box-sizing", "border-box").set("padding", "var(--lumo-space-s)")
                .set("background", "var(--lumo-contrast-5pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
        preview.setWidthFull();
        add(FormParts.groupLabel("Response body"), preview);
        if (result.bodyTruncated()) {
            Span truncated = small("Truncated: only the first 4 KiB are shown.");
            truncated.setId("route-test-truncated");
            add(truncated);
        }
        add(FormParts.groupLabel("Attempts"));
        if (call == null) {
            add(small("The gateway's record of this call was not found, so its attempts cannot be shown."));
        } else {
            add(attempts(call.attempts()));
        }
        setVisible(true);
    }

    private static Grid<Row> attempts(List<Attempt> attempts) {
        Grid<Row> grid = new Grid<>();
        grid.setId("route-test-attempts");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        grid.addColumn(Row::number).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.attempt().provider()).setHeader("Provider").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> r.attempt().target()).setHeader("Target").setFlexGrow(1);
        grid.addColumn(r -> TestFormats.time(r.attempt().startedAt())).setHeader("Started (UTC)").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.attempt().latencyMs()).setHeader("Latency ms").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> TestFormats.outcome(r.attempt())).setHeader("Status / error").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(r -> r.attempt().decision() == null ? "" : r.attempt().decision()).setHeader("Decision")
                .setFlexGrow(2);
        grid.setEmptyStateText("No attempt reached a provider (refused before routing, e.g. 401, 404 or 405).");
        grid.setItems(IntStream.range(0, attempts.size()).mapToObj(i -> new Row(i + 1, attempts.get(i))).toList());
        return grid;
    }

    private static Span fact(String id, String text) {
        Span span = new Span(text);
        span.setId(id);
        return span;
    }

    private static Span small(String text) {
        Span span = new Span(text);
        span.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");
        return span;
    }
}
