package io.gatehouse.ui.log;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Code;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import io.gatehouse.gateway.explain.CallSettings;
import io.gatehouse.gateway.explain.FailureExplainer;
import io.gatehouse.gateway.explain.TargetDiagnosis;
import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.ui.base.ClientTime;
import io.gatehouse.ui.chart.SvgView;
import java.time.ZoneId;
import java.util.List;

/** One call: request line, status, timings, credential, client, sizes, attempts timeline, explanation, diagnosis. */
class LogDetailDialog extends Dialog {

    LogDetailDialog(LogEntry e, ZoneId zone, CallSettings settings, TargetDiagnosis diagnosis) {
        setId("log-detail");
        setHeaderTitle(e.method() + " " + e.path() + (e.query() == null || e.query().isEmpty() ? "" : "?" + e.query()));
        setWidth("min(900px, 95vw)");
        setDraggable(true);
        setResizable(true);

        FormLayout facts = new FormLayout();
        facts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("500px", 2));
        Span status = LogFormats.statusBadge(e.status());
        status.setId("log-detail-status");
        facts.addFormItem(status, "Status");
        facts.addFormItem(new Span(e.errorCode() == null ? "\u2014 (upstream answered)" : e.errorCode()), "Error code");
        facts.addFormItem(new Span(ClientTime.format(e.timestamp(), zone)), "Time");
        facts.addFormItem(new Code(e.requestId()), "Request id");
        facts.addFormItem(new Span(e.route() == null ? "\u2014 (not routed)" : e.route()), "Route");
        facts.addFormItem(new Span(e.credentialId() == null ? "none" : e.credentialId() + " (" + e.credentialType() + ")"),
                "Credential");
        facts.addFormItem(new Span(e.latencyMs() + " ms total, " + e.upstreamLatencyMs() + " ms upstream"), "Latency");
        facts.addFormItem(new Span(e.clientIp() == null ? "" : e.clientIp()), "Client IP");
        facts.addFormItem(new Span(LogFormats.bytes(e.bytesIn()) + " in, " + LogFormats.bytes(e.bytesOut()) + " out"),
                "Bytes");
        facts.addFormItem(new Span(Integer.toString(e.attempts().size())), "Attempts");

        SvgView timeline = new SvgView(AttemptsTimeline.svg(e));
        timeline.setId("attempts-timeline");
        VerticalLayout body = new VerticalLayout(facts, new H4("Attempts"), timeline);
        body.setPadding(false);
        FailureExplainer.explain(e, settings).ifPresent(x -> body.add(new ExplanationPanel(x)));
        Attempt target = diagnosable(e);
        if (target != null) {
            body.add(new DiagnosePanel(target.target(), settings.healthCheckPath(), diagnosis));
        }
        add(body);
        Button close = new Button("Close", ev -> close());
        close.setId("log-detail-close");
        getFooter().add(close);
    }

    /** The attempt whose target "Diagnose now" checks: the last one that failed, else the last one with a target. */
    static Attempt diagnosable(LogEntry e) {
        List<Attempt> withTarget = e.attempts().stream().filter(a -> a.target() != null).toList();
        Attempt chosen = null;
        for (Attempt a : withTarget) {
            if (a.errorCode() != null || a.status() >= 500) {
                chosen = a;
            }
        }
        return chosen != null ? chosen : withTarget.isEmpty() ? null : withTarget.get(withTarget.size() - 1);
    }
}
