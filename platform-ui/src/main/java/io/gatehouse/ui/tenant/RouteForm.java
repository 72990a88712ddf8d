package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.gateway.route.NameRules;
import io.gatehouse.gateway.route.FaultSpec;
import io.gatehouse.gateway.route.RetrySpec;
import io.gatehouse.gateway.route.RouteSpec;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The route dialog: what a route matches, where it sends traffic, who may call it, and its timeout and retries. */
final class RouteForm {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final List<String> AUTH = List.of("BASIC", "AKSK", "JWT");
    private static final Map<String, String> AUTH_LABELS = Map.of("BASIC", "Basic", "AKSK", "AK/SK (SigV4)", "JWT", "JWT");

    private final TextField name = new TextField("Name");
    private final TextField pathPrefix = new TextField("Path prefix");
    private final MultiSelectComboBox<String> methods = new MultiSelectComboBox<>("Methods");
    private final ComboBox<String> provider = new ComboBox<>("Provider");
    private final MultiSelectComboBox<String> fallbacks = new MultiSelectComboBox<>("Fallback providers");
    private final Checkbox stripPrefix = new Checkbox("Strip prefix");
    private final Checkbox publicAccess = new Checkbox("Public");
    private final CheckboxGroup<String> auth = new CheckboxGroup<>("Accepted credentials");
    private final Checkbox requireExp = new Checkbox("JWTs must expire");
    private final IntegerField timeout = new IntegerField("Timeout");
    private final RetryFields retry;
    private final Checkbox injectFaults = new Checkbox("Inject faults");
    private final FaultFields faults;

    private RouteForm(RouteView existing, List<String> providerNames, String slug) {
        RouteSpec defaults = new RouteSpec(null, null, null, null, null, null, null, null, null, null, null);
        retry = new RetryFields(existing == null ? RetrySpec.DEFAULT : existing.retry());
        FaultSpec existingFaults = existing == null || existing.faults() == null ? FaultSpec.NONE : existing.faults();
        faults = new FaultFields("route-faults-", "faults", existingFaults);
        faults.setId("route-faults");
        injectFaults.setId("route-inject-faults");
        injectFaults.setHelperText("Affects real traffic on this route: a share of calls fail or slow down on purpose. "
                + "Meant for testing retry policies; leave off in production.");
        injectFaults.setValue(existingFaults.active());
        faults.setVisible(existingFaults.active());
        injectFaults.addValueChangeListener(e -> faults.setVisible(e.getValue()));
        name.setId("route-name");
        name.setHelperText("Identifies the route in logs and credentials, e.g. chat");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> FieldErrors.live(name, NameRules.problem(e.getValue())));
        pathPrefix.setId("route-prefix");
        pathPrefix.setPlaceholder("/v1/chat");
        pathPrefix.setHelperText("Matched after /" + slug + " on the gateway; the longest matching prefix wins");
        methods.setId("route-methods");
        methods.setItems(METHODS);
        methods.setHelperText("Leave empty to allow every method");
        methods.setAutoExpand(MultiSelectComboBox.AutoExpandMode.VERTICAL);
        provider.setId("route-provider");
        provider.setItems(providerNames);
        provider.setHelperText("The upstream that receives the calls");
        fallbacks.setId("route-fallbacks");
        fallbacks.setItems(providerNames);
        fallbacks.setHelperText("Tried in the order selected when the provider cannot answer");
        fallbacks.setAutoExpand(MultiSelectComboBox.AutoExpandMode.VERTICAL);
        stripPrefix.setId("route-strip-prefix");
        stripPrefix.setHelperText("Send only the rest of the path upstream (/" + slug + "/v1/chat/x -> /x)");
        publicAccess.setId("route-public");
        publicAccess.setHelperText("No credential needed: anyone who can reach the gateway may call it");
        publicAccess.addValueChangeListener(e -> {
            auth.setEnabled(!e.getValue());
            requireExp.setEnabled(!e.getValue());
        });
        auth.setId("route-auth");
        auth.setItems(AUTH);
        auth.setItemLabelGenerator(AUTH_LABELS::get);
        auth.setHelperText("Credential types this route accepts (ignored while the route is public)");
        requireExp.setId("route-require-exp");
        requireExp.setHelperText("Refuse JWTs without an exp claim, so no token is valid forever");
        timeout.setId("route-timeout");
        timeout.setSuffixComponent(new Span("ms"));
        timeout.setHelperText("Bounds the whole call, retries and backoff included (default "
                + RouteSpec.DEFAULT_TIMEOUT_MS + " ms)");
        fill(existing == null ? asView(defaults) : existing);
        if (existing != null) {
            name.setReadOnly(true);
        }
    }

    static FormDialog forCreate(List<String> providerNames, String slug, Consumer<RouteSpec> create) {
        RouteForm form = new RouteForm(null, providerNames, slug);
        form.name.setAutofocus(true);
        if (providerNames.size() == 1) {
            form.provider.setValue(providerNames.get(0));
        }
        return form.dialog("New route", create);
    }

    static FormDialog forEdit(RouteView existing, List<String> providerNames, String slug, Consumer<RouteSpec> replace) {
        return new RouteForm(existing, providerNames, slug).dialog("Edit route '" + existing.name() + "'", replace);
    }

    private void fill(RouteView route) {
        name.setValue(route.name() == null ? "" : route.name());
        pathPrefix.setValue(route.pathPrefix() == null ? "" : route.pathPrefix());
        methods.setValue(new LinkedHashSet<>(route.methods()));
        provider.setValue(route.provider());
        fallbacks.setValue(new LinkedHashSet<>(route.fallbackProviders()));
        stripPrefix.setValue(route.stripPrefix());
        publicAccess.setValue(route.publicAccess());
        auth.setValue(new LinkedHashSet<>(route.auth()));
        requireExp.setValue(route.requireExp());
        timeout.setValue(route.timeoutMs());
    }

    private FormDialog dialog(String title, Consumer<RouteSpec> save) {
        FormLayout form = new FormLayout();
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("34rem", 2));
        form.add(FormParts.section("Match"), 2);
        form.add(name, pathPrefix, methods, stripPrefix);
        form.add(FormParts.section("Upstream"), 2);
        form.add(provider, fallbacks);
        form.add(FormParts.section("Access"), 2);
        form.add(publicAccess, auth, requireExp);
        form.add(FormParts.section("Timeout and retries"), 2);
        form.add(timeout, retry.maxAttempts, retry.initialBackoff, retry.maxBackoff, retry.retryOn,
                retry.retryNonIdempotent);
        form.add(FormParts.section("Fault injection (testing)"), 2);
        form.add(injectFaults, 2);
        form.add(faults, 2);
        form.setWidth("48rem");
        form.setMaxWidth("100%");
        FormDialog dialog = new FormDialog(title, "route-save", form, new FieldErrors(this::fieldFor),
                () -> save.accept(spec()));
        dialog.setId("route-dialog");
        return dialog;
    }

    private RouteSpec spec() {
        List<String> selectedMethods = METHODS.stream().filter(methods.getValue()::contains).toList();
        List<String> selectedFallbacks = List.copyOf(fallbacks.getValue());
        List<String> selectedAuth = AUTH.stream().filter(auth.getValue()::contains).toList();
        return new RouteSpec(name.getValue().strip(), pathPrefix.getValue().strip(), selectedMethods,
                provider.getValue(), selectedFallbacks, stripPrefix.getValue(), publicAccess.getValue(), selectedAuth,
                timeout.getValue(), retry.value(), requireExp.getValue(),
                injectFaults.getValue() ? faults.value() : FaultSpec.NONE);
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "name" -> name;
            case "pathPrefix" -> pathPrefix;
            case "methods" -> methods;
            case "provider" -> provider;
            case "fallbackProviders" -> fallbacks;
            case "auth" -> auth;
            case "timeoutMs" -> timeout;
            default -> path.startsWith("faults") ? faults.fieldFor(path) : retry.fieldFor(path);
        };
    }

    private static RouteView asView(RouteSpec spec) {
        return new RouteView(spec.name(), spec.pathPrefix(), spec.methods(), spec.provider(), spec.fallbackProviders(),
                spec.stripPrefix(), spec.publicAccess(), spec.auth(), spec.timeoutMs(), spec.retry(), spec.requireExp(),
                spec.faults(), null, null);
    }
}
