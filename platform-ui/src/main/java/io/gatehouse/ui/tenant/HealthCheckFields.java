package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.gateway.route.HealthCheckSpec;

/** The optional active health check of an http provider: off unless ticked; empty fields take the defaults. */
final class HealthCheckFields extends VerticalLayout {
    private static final HealthCheckSpec DEFAULTS = new HealthCheckSpec(null, null, null, null, null);

    private final Checkbox enabled = new Checkbox("Active health check");
    private final TextField path = new TextField("Path");
    private final IntegerField interval = number("Interval", "provider-health-interval", 1_000, null,
            "Time between two checks of one target, at least 1000 (default " + DEFAULTS.intervalMs() + ")");
    private final IntegerField timeout = number("Timeout", "provider-health-timeout", 1, null,
            "A check slower than this fails; shorter than the interval (default " + DEFAULTS.timeoutMs() + ")");
    private final IntegerField healthy = number("Healthy threshold", "provider-health-healthy", 1, 10,
            "Passes in a row that bring a target back (default " + DEFAULTS.healthyThreshold() + ")");
    private final IntegerField unhealthy = number("Unhealthy threshold", "provider-health-unhealthy", 1, 10,
            "Failures in a row that take a target out of rotation (default " + DEFAULTS.unhealthyThreshold() + ")");
    private final FormLayout fields = new FormLayout();

    HealthCheckFields(HealthCheckSpec existing) {
        HealthCheckSpec check = existing == null ? DEFAULTS : existing;
        setPadding(false);
        setSpacing(false);
        enabled.setId("provider-health-enabled");
        enabled.setHelperText("The gateway sends GET <path> to every target on a timer; 2xx or 3xx passes. Without it, "
                + "targets are judged only by real traffic (5 failures in a row eject a target).");
        enabled.setValue(existing != null);
        path.setId("provider-health-path");
        path.setPlaceholder("/health");
        path.setHelperText("Appended to each target URL, e.g. /health (default /health)");
        path.setValue(check.path());
        interval.setSuffixComponent(new Span("ms"));
        timeout.setSuffixComponent(new Span("ms"));
        interval.setValue(check.intervalMs());
        timeout.setValue(check.timeoutMs());
        healthy.setValue(check.healthyThreshold());
        unhealthy.setValue(check.unhealthyThreshold());
        fields.add(path, interval, timeout, healthy, unhealthy);
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        fields.setWidthFull();
        fields.setVisible(enabled.getValue());
        enabled.addValueChangeListener(e -> fields.setVisible(e.getValue()));
        add(enabled, fields);
    }

    /** The check to save, or {@code null} when it is off. */
    HealthCheckSpec value() {
        return enabled.getValue() ? new HealthCheckSpec(path.getValue().strip(), interval.getValue(),
                timeout.getValue(), healthy.getValue(), unhealthy.getValue()) : null;
    }

    HasValidation fieldFor(String problemPath) {
        return switch (problemPath) {
            case "healthCheck", "healthCheck.path" -> path;
            case "healthCheck.intervalMs" -> interval;
            case "healthCheck.timeoutMs" -> timeout;
            case "healthCheck.healthyThreshold" -> healthy;
            case "healthCheck.unhealthyThreshold" -> unhealthy;
            default -> null;
        };
    }

    private static IntegerField number(String label, String id, int min, Integer max, String help) {
        IntegerField field = new IntegerField(label);
        field.setId(id);
        field.setMin(min);
        if (max != null) {
            field.setMax(max);
        }
        field.setHelperText(help);
        return field;
    }
}
