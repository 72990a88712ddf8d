package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.gateway.route.MockSpec;

/** The mock part of the provider form: what the gateway answers itself, and the faults it mixes in. */
final class MockFields extends VerticalLayout {
    private final IntegerField status = new IntegerField("Status");
    private final TextField contentType = new TextField("Content type");
    private final TextArea body = new TextArea("Body");
    private final IntegerField latency = new IntegerField("Latency");
    private final FaultFields faults;

    MockFields(MockSpec existing) {
        MockSpec mock = existing == null ? MockSpec.DEFAULT : existing;
        setPadding(false);
        setSpacing(false);
        status.setId("provider-mock-status");
        status.setMin(200);
        status.setMax(599);
        status.setHelperText("The HTTP status every call gets, 200-599 (default 200)");
        status.setValue(mock.status());
        contentType.setId("provider-mock-content-type");
        contentType.setHelperText("Sent as Content-Type (default application/json)");
        contentType.setPlaceholder("application/json");
        contentType.setValue(mock.contentType());
        latency.setId("provider-mock-latency");
        latency.setMin(0);
        latency.setSuffixComponent(new Span("ms"));
        latency.setHelperText("Wait this long before answering, to look like a real service (default 0)");
        latency.setValue(mock.latencyMs());
        body.setId("provider-mock-body");
        body.setHelperText("The response body, sent as is (at most 64 KiB)");
        body.setValue(mock.body());
        body.setWidthFull();
        body.setMaxHeight("12rem");
        FormParts.monospaceInput(body);
        faults = new FaultFields("provider-mock-", "mock.faults", mock.faults());
        faults.setId("provider-mock-faults");

        FormLayout answer = new FormLayout(status, contentType, latency);
        answer.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 3));
        answer.setWidthFull();
        faults.setWidthFull();
        add(FormParts.groupHelp("A mock provider answers inside the gateway: no upstream is called. Point a route at "
                        + "it to try the route, its credentials and its retry policy before the real service exists."),
                answer, body, FormParts.groupLabel("Injected faults"),
                FormParts.groupHelp("Make a share of calls fail on purpose, to watch retries and failover work. "
                        + "These failures count against the mock's health, like a real upstream's would."),
                faults);
    }

    MockSpec value() {
        return new MockSpec(status.getValue(), body.getValue(), contentType.getValue().strip(), latency.getValue(),
                faults.value());
    }

    HasValidation fieldFor(String path) {
        return switch (path) {
            case "mock", "mock.status" -> status;
            case "mock.body" -> body;
            case "mock.contentType" -> contentType;
            case "mock.latencyMs" -> latency;
            default -> faults.fieldFor(path);
        };
    }
}
