package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.ui.base.FieldErrors;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * The route "Test" dialog: sends one request through the route on the local gateway, with the console's test key
 * in place of a tenant key, and shows what came back and every attempt the gateway made. The call runs off the UI
 * thread; the page polls for its result meanwhile.
 */
final class RouteTestDialog extends Dialog {
    static final int POLL_WHILE_RUNNING_MS = 300;
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    private final String tenant;
    private final RouteView route;
    private final String routeUrl;
    private final RouteTestRunner runner;
    private final Select<String> method = new Select<>();
    private final TextField path = new TextField("Path after the prefix");
    private final TextArea body = new TextArea("Body");
    private final Button send = new Button("Send", VaadinIcon.PAPERPLANE.create());
    private final ProgressBar progress = new ProgressBar();
    private final Span progressText = new Span();
    private final VerticalLayout running = new VerticalLayout(progressText, progress);
    private final RouteTestResultView result = new RouteTestResultView();
    private final FieldErrors errors = new FieldErrors(this::fieldFor);

    /** @param routeUrl the gateway URL of the route's prefix, e.g. {@code http://host:8081/acme/chat} */
    RouteTestDialog(String tenant, RouteView route, String routeUrl, RouteTestRunner runner) {
        this.tenant = tenant;
        this.route = route;
        this.routeUrl = routeUrl;
        this.runner = runner;
        setId("route-test-dialog");
        setHeaderTitle("Test route '" + route.name() + "'");
        setWidth("56rem");
        setMaxWidth("100%");

        method.setId("route-test-method");
        method.setLabel("Method");
        method.setItems(METHODS);
        method.setValue(route.methods().isEmpty() ? "GET" : route.methods().get(0));
        method.setHelperText(route.methods().isEmpty() ? "The route allows every method"
                : "The route allows " + String.join(", ", route.methods()));
        method.setWidth("9rem");
        path.setId("route-test-path");
        path.setPlaceholder(routeUrl + "/...");
        path.setPrefixComponent(new Span(route.pathPrefix().equals("/") ? "" : route.pathPrefix()));
        path.setValueChangeMode(ValueChangeMode.EAGER);
        path.addValueChangeListener(e -> updateHelp());
        body.setId("route-test-body");
        body.setHelperText("Sent as the request body, as typed (no Content-Type header is added)");
        body.setWidthFull();
        body.setMaxHeight("10rem");
        FormParts.monospaceInput(body);
        method.addValueChangeListener(e -> {
            body.setVisible(WITH_BODY.contains(e.getValue()));
            updateHelp();
        });
        body.setVisible(WITH_BODY.contains(method.getValue()));
        updateHelp();

        send.setId("route-test-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> send());
        HorizontalLayout request = new HorizontalLayout(method, path, send);
        request.setWidthFull();
        request.expand(path);
        request.setAlignItems(FlexComponent.Alignment.BASELINE);

        progress.setIndeterminate(true);
        progress.setId("route-test-progress");
        running.setId("route-test-running");
        running.setPadding(false);
        running.setSpacing(false);
        running.setVisible(false);
        Span note = new Span("Uses the console's test key, so protected routes work without a tenant key. The call "
                + "is real: it reaches the upstream and shows up in its logs.");
        note.getStyle().set("font-size", "var(--lumo-font-size-s)").set("color", "var(--lumo-secondary-text-color)");

        VerticalLayout layout = new VerticalLayout(note, request, body, running, result);
        layout.setPadding(false);
        add(layout);
        Button close = new Button("Close", e -> close());
        close.setId("route-test-close");
        getFooter().add(close);
    }

    private void updateHelp() {
        path.setHelperText("Sends " + method.getValue() + " " + routeUrl + path.getValue().strip()
                + "  - e.g. /items?limit=5, or leave empty for the prefix itself");
    }

    private void send() {
        errors.clear();
        result.clear();
        UI ui = UI.getCurrent();
        int previousPoll = ui.getPollInterval();
        ui.setPollInterval(POLL_WHILE_RUNNING_MS);
        send.setEnabled(false);
        progressText.setText("Sending " + method.getValue() + " ... (the route allows up to " + route.timeoutMs()
                + " ms, retries included)");
        running.setVisible(true);
        String bodyValue = body.isVisible() ? body.getValue() : null;
        runner.run(tenant, route.name(), method.getValue(), path.getValue(), bodyValue)
                .whenComplete((outcome, failure) -> whenAttached(ui, () -> {
                    ui.setPollInterval(previousPoll);
                    running.setVisible(false);
                    send.setEnabled(true);
                    if (failure == null) {
                        result.show(outcome);
                    } else {
                        showFailure(failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure);
                    }
                }));
    }

    /** Runs the update on the UI unless the browser tab is gone meanwhile; then there is no one to show it to. */
    private static void whenAttached(UI ui, com.vaadin.flow.server.Command update) {
        try {
            ui.access(update);
        } catch (com.vaadin.flow.component.UIDetachedException e) {
            // the tab was closed while the test call ran
        }
    }

    private void showFailure(Throwable failure) {
        if (failure instanceof InvalidInputException invalid) {
            List<String> unmatched = errors.show(invalid.problems());
            if (!unmatched.isEmpty()) {
                result.showProblem(String.join("; ", unmatched));
            }
        } else if (failure instanceof NotFoundException) {
            result.showProblem(failure.getMessage() + " - it may have been deleted meanwhile; close and reload");
        } else {
            result.showProblem("The test could not run: " + failure.getMessage());
        }
    }

    private HasValidation fieldFor(String problemPath) {
        return switch (problemPath) {
            case "method" -> method;
            case "path" -> path;
            default -> null;
        };
    }
}
