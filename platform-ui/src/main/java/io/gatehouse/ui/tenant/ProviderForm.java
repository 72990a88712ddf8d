package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.gateway.route.NameRules;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The provider dialog, turned into a {@link ProviderSpec}: a name and a type; an http provider has targets,
 * timeouts, injected headers and an optional active health check, a mock provider has a canned answer and faults.
 */
final class ProviderForm {
    private static final Map<String, String> TYPE_LABELS = Map.of(
            ProviderSpec.HTTP, "HTTP upstream - forwards calls to your service",
            ProviderSpec.MOCK, "Mock - answers inside the gateway");

    private final TextField name = new TextField("Name");
    private final RadioButtonGroup<String> type = new RadioButtonGroup<>("Type");
    private final TargetRows targets;
    private final IntegerField connectTimeout = timeout("Connect timeout", "provider-connect-timeout",
            ProviderSpec.DEFAULT_CONNECT_TIMEOUT_MS, "How long to wait for a TCP/TLS connection to a target");
    private final IntegerField responseTimeout = timeout("Response timeout", "provider-response-timeout",
            ProviderSpec.DEFAULT_RESPONSE_TIMEOUT_MS, "How long to wait for the response head of one attempt");
    private final HeaderRows headers;
    private final HealthCheckFields healthCheck;
    private final MockFields mock;
    private final VerticalLayout httpSection = new VerticalLayout();
    private final ProviderView existing;

    private ProviderForm(ProviderView existing) {
        this.existing = existing;
        name.setId("provider-name");
        name.setHelperText("Routes refer to the provider by this name, e.g. openai or billing-api");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> FieldErrors.live(name, NameRules.problem(e.getValue())));
        type.setId("provider-type");
        type.setItems(ProviderSpec.HTTP, ProviderSpec.MOCK);
        type.setItemLabelGenerator(TYPE_LABELS::get);
        type.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        type.setHelperText("A mock needs no running service: use it to try routes, keys and retry policies");
        type.setValue(existing == null || existing.type() == null ? ProviderSpec.HTTP : existing.type());
        targets = new TargetRows(existing == null ? List.of() : existing.targets());
        headers = new HeaderRows(existing == null ? null : existing.headers());
        healthCheck = new HealthCheckFields(existing == null ? null : existing.healthCheck());
        mock = new MockFields(existing == null ? null : existing.mock());
        mock.setId("provider-mock");
        httpSection.setId("provider-http");
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
        httpSection.add(targets, timeouts, healthCheck, headers);
        httpSection.setPadding(false);
        httpSection.setWidthFull();
        mock.setWidthFull();
        showType(type.getValue());
        type.addValueChangeListener(e -> showType(e.getValue()));
        VerticalLayout layout = new VerticalLayout(name, type, httpSection, mock);
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

    private void showType(String selected) {
        boolean isMock = ProviderSpec.MOCK.equals(selected);
        httpSection.setVisible(!isMock);
        mock.setVisible(isMock);
    }

    private ProviderSpec spec() {
        if (ProviderSpec.MOCK.equals(type.getValue())) {
            // Timeouts and headers do not apply to a mock; stored headers are kept (null) in case it turns http again.
            return new ProviderSpec(name.getValue().strip(), ProviderSpec.MOCK, List.of(), connectTimeout.getValue(),
                    responseTimeout.getValue(), null, mock.value(), null);
        }
        return new ProviderSpec(name.getValue().strip(), ProviderSpec.HTTP, targets.value(),
                connectTimeout.getValue(), responseTimeout.getValue(), headers.value(), null, healthCheck.value());
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "name" -> name;
            case "type" -> type;
            case "connectTimeoutMs" -> connectTimeout;
            case "responseTimeoutMs" -> responseTimeout;
            default -> {
                if (path.startsWith("targets[")) {
                    yield targets.fieldFor(path);
                } else if (path.startsWith("mock")) {
                    yield mock.fieldFor(path);
                } else if (path.startsWith("healthCheck")) {
                    yield healthCheck.fieldFor(path);
                }
                yield headers.fieldFor(path);
            }
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
