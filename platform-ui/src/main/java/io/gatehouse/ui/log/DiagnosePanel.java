package io.gatehouse.ui.log;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.progressbar.ProgressBar;
import io.gatehouse.gateway.explain.DiagnosisStep;
import io.gatehouse.gateway.explain.TargetDiagnosis;

/**
 * "Diagnose now": checks the target live on a background thread; each step appears as it finishes (the page polls
 * while the check runs, so no server push is needed).
 */
class DiagnosePanel extends Div {
    static final int POLL_MS = 300;

    private final Div steps = new Div();
    private final Button run = new Button("Diagnose now", VaadinIcon.STETHOSCOPE.create());
    private final ProgressBar progress = new ProgressBar();
    private int count;

    DiagnosePanel(String target, String healthPath, TargetDiagnosis diagnosis) {
        setId("diagnose");
        setWidthFull();
        H4 heading = new H4("Check " + target + " now");
        run.setId("diagnose-now");
        steps.setId("diagnose-steps");
        progress.setIndeterminate(true);
        progress.setVisible(false);
        run.addClickListener(e -> start(e.getSource().getUI().orElseThrow(), target, healthPath, diagnosis));
        add(heading, run, progress, steps);
    }

    private void start(UI ui, String target, String healthPath, TargetDiagnosis diagnosis) {
        run.setEnabled(false);
        progress.setVisible(true);
        steps.removeAll();
        count = 0;
        int previousPoll = ui.getPollInterval();
        ui.setPollInterval(POLL_MS);
        Thread worker = new Thread(() -> {
            try {
                diagnosis.run(target, healthPath, step -> ui.access(() -> show(step)));
            } finally {
                ui.access(() -> {
                    run.setEnabled(true);
                    run.setText("Diagnose again");
                    progress.setVisible(false);
                    ui.setPollInterval(previousPoll);
                });
            }
        }, "diagnose-" + target);
        worker.setDaemon(true);
        worker.start();
    }

    private void show(DiagnosisStep step) {
        Div row = new Div();
        row.setId("diagnose-step-" + count++);
        row.getElement().setAttribute("data-ok", Boolean.toString(step.ok()));
        Span mark = new Span(step.ok() ? "\u2714 " : "\u2716 ");
        mark.getStyle().set("color", step.ok() ? "var(--lumo-success-text-color)" : "var(--lumo-error-text-color)");
        Span name = new Span(step.name() + (step.ok() ? " ok" : " failed"));
        name.getStyle().set("font-weight", "600");
        row.add(mark, name, new Span(" (" + step.ms() + " ms) \u2014 " + step.detail()));
        steps.add(row);
    }
}
