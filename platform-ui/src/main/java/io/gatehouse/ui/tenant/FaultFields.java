package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import io.gatehouse.gateway.route.FaultSpec;

/**
 * The five fields of an injected-fault setting ({@link FaultSpec}), shared by the route form ({@code faults.*}) and
 * the mock provider form ({@code mock.faults.*}). Empty fields take the service's defaults.
 */
final class FaultFields extends FormLayout {
    final IntegerField errorPercent;
    final IntegerField errorStatus;
    final IntegerField resetPercent;
    final IntegerField delayPercent;
    final IntegerField delayMs;
    private final String pathPrefix;

    /**
     * @param idPrefix   e.g. {@code route-faults-}: ids become {@code route-faults-error-percent} and so on
     * @param pathPrefix the problem path of the fault object, e.g. {@code faults} or {@code mock.faults}
     */
    FaultFields(String idPrefix, String pathPrefix, FaultSpec faults) {
        this.pathPrefix = pathPrefix;
        FaultSpec value = faults == null ? FaultSpec.NONE : faults;
        errorPercent = percent("Error %", idPrefix + "error-percent",
                "Share of attempts answered with the error status instead of a real answer");
        errorStatus = number("Error status", idPrefix + "error-status",
                "Status of an injected error, 400-599 (default 502)", 400, 599);
        resetPercent = percent("Reset %", idPrefix + "reset-percent",
                "Share of attempts that fail as a dropped connection (error code upstream_reset)");
        delayPercent = percent("Delay %", idPrefix + "delay-percent",
                "Share of attempts held back by the delay first (to trip timeouts)");
        delayMs = number("Delay", idPrefix + "delay-ms", "How long a delayed attempt waits (default 1000)", 1, null);
        delayMs.setSuffixComponent(new Span("ms"));
        errorPercent.setValue(value.errorPercent());
        errorStatus.setValue(value.errorStatus());
        resetPercent.setValue(value.resetPercent());
        delayPercent.setValue(value.delayPercent());
        delayMs.setValue(value.delayMs());
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("30rem", 2));
        add(errorPercent, errorStatus, resetPercent, delayPercent, delayMs);
    }

    FaultSpec value() {
        return new FaultSpec(errorPercent.getValue(), errorStatus.getValue(), resetPercent.getValue(),
                delayPercent.getValue(), delayMs.getValue());
    }

    /** The field for a problem path under this fault object; the object itself (the percentages' sum) maps to error %. */
    HasValidation fieldFor(String path) {
        if (path.equals(pathPrefix)) {
            return errorPercent;
        }
        if (!path.startsWith(pathPrefix + ".")) {
            return null;
        }
        return switch (path.substring(pathPrefix.length() + 1)) {
            case "errorPercent" -> errorPercent;
            case "errorStatus" -> errorStatus;
            case "resetPercent" -> resetPercent;
            case "delayPercent" -> delayPercent;
            case "delayMs" -> delayMs;
            default -> null;
        };
    }

    private static IntegerField percent(String label, String id, String help) {
        IntegerField field = number(label, id, help + "; error + reset + delay at most 100", 0, 100);
        field.setSuffixComponent(new Span("%"));
        return field;
    }

    private static IntegerField number(String label, String id, String help, Integer min, Integer max) {
        IntegerField field = new IntegerField(label);
        field.setId(id);
        field.setHelperText(help);
        if (min != null) {
            field.setMin(min);
        }
        if (max != null) {
            field.setMax(max);
        }
        return field;
    }
}
