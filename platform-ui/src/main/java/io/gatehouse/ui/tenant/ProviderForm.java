package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.gateway.route.NameRules;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.util.List;
import java.util.function.Consumer;

/** The provider dialog: name, targets, timeouts and injected headers, turned into a {@link ProviderSpec}. */
final class ProviderForm {
    private final TextField name = new TextField("Name");
    private final TargetRows targets;
    private final IntegerField connectTimeout = timeout("Connect timeout", "provider-connect-timeout",
            ProviderSpec.DEFAULT_CONNECT_TIMEOUT_MS, "How long to wait for a TCP/TLS connection to a target");
    private final IntegerField responseTimeout = timeout("Response timeout", "provider-response-timeout",
            ProviderSpec.DEFAULT_RESPONSE_TIMEOUT_MS, "How long to wait for the response head of one attempt");
    private final HeaderRows headers;
    private final ProviderView existing;

    private ProviderForm(ProviderView existing) {
        this.existing = existing;
        name.setId("provider-name");
        name.setHelperText("Routes refer to the provider by this name, e.g. openai or billing-api");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> FieldErrors.live(name, NameRules.problem(e.getValue())));
        targets = new TargetRows(existing == null ? List.of() : existing.targets());
        headers = new HeaderRows(existing == null ? null : existing.headers());
        if (existing != null) {
            name.setValue(existing.name());
            name.setReadOnly(true);
            connectTimeout.setValue(existing.connectTimeoutMs());
            responseTimeout.setValue(existing.responseTimeoutMs());
        }
    }

    static FormDialog forCreate(Consumer<ProviderSpec> create) {
        ProviderForm form = new ProviderForm(null);
        form.name.setAutofocus(true);
        return form.dialog("New provider", create);
    }

    static FormDialog forEdit(ProviderView existing, Consumer<ProviderSpec> replace) {
        return new ProviderForm(existing).dialog("Edit provider '" + existing.name() + "'", replace);
    }

    private FormDialog dialog(String title, Consumer<ProviderSpec> save) {
        FormLayout timeouts = new FormLayout(connectTimeout, responseTimeout);
        timeouts.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        VerticalLayout layout = new VerticalLayout(name, targets, timeouts, headers);
        layout.setPadding(false);
        layout.setWidth("44rem");
        layout.setMaxWidth("100%");
        name.setWidthFull();
        timeouts.setWidthFull();
        FormDialog dialog = new FormDialog(title, "provider-save", layout, new FieldErrors(this::fieldFor),
                () -> save.accept(spec()));
        dialog.setId("provider-dialog");
        return dialog;
    }

    private ProviderSpec spec() {
        return new ProviderSpec(name.getValue().strip(), existing == null ? null : existing.type(), targets.value(),
                connectTimeout.getValue(), responseTimeout.getValue(), headers.value(),
                existing == null ? null : existing.mock(), existing == null ? null : existing.healthCheck());
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "name" -> name;
            case "connectTimeoutMs" -> connectTimeout;
            case "responseTimeoutMs" -> responseTimeout;
            default -> path.startsWith("targets[") ? targets.fieldFor(path) : headers.fieldFor(path);
        };
    }

    private static IntegerField timeout(String label, String id, int defaultMs, String help) {
        IntegerField field = new IntegerField(label);
        field.setId(id);
        field.setValue(defaultMs);
        field.setMin(1);
        field.setSuffixComponent(new Span("ms"));
        field.setHelperText(help + " (default " + defaultMs + ")");
        field.setPlaceholder(String.valueOf(defaultMs));
        return field;
    }
}
