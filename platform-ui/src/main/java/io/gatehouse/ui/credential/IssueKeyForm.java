package io.gatehouse.ui.credential;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.credential.IssueRequest;
import io.gatehouse.auth.credential.IssuedCredential;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/** The fields of a new key. Obvious mistakes show while typing; the service's verdict lands on the same fields. */
final class IssueKeyForm extends FormLayout {
    private static final List<String> ALGORITHMS = List.of("HS256", "HS384", "HS512", "RS256", "ES256");
    private static final Set<String> PUBLIC_KEY_ALGORITHMS = Set.of("RS256", "ES256");

    private final RadioButtonGroup<CredentialType> type = new RadioButtonGroup<>("Type");
    private final TextField name = new TextField("Name");
    private final DateTimePicker expires = new DateTimePicker("Expires (optional)");
    private final MultiSelectComboBox<String> routes = new MultiSelectComboBox<>("Routes");
    private final Select<String> algorithm = new Select<>();
    private final TextArea publicKey = new TextArea("Issuer public key (PEM)");
    private final List<String> routeNames;
    private final ZoneId zone;
    private final FieldErrors errors = new FieldErrors(this::fieldFor);

    private IssueKeyForm(List<String> routeNames, ZoneId zone) {
        this.routeNames = routeNames;
        this.zone = zone;
        setResponsiveSteps(new ResponsiveStep("0", 1));

        type.setId("key-type");
        type.setItems(CredentialType.values());
        type.setItemLabelGenerator(IssueKeyForm::typeLabel);
        type.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
        type.setValue(CredentialType.BASIC);
        type.addValueChangeListener(e -> showJwtFields());

        name.setId("key-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(100);
        name.setHelperText("What will use it, e.g. ci-pipeline");
        name.setValueChangeMode(ValueChangeMode.LAZY);
        name.addValueChangeListener(e -> FieldErrors.live(name, nameProblem()));

        expires.setId("key-expires");
        expires.setHelperText("Your time (" + zone.getId() + "). Empty = never expires.");
        expires.setMin(LocalDateTime.now(zone));
        expires.addValueChangeListener(e -> FieldErrors.live(expires, expiryProblem()));

        routes.setId("key-routes");
        routes.setItems(routeNames);
        routes.setHelperText("empty = all routes");
        routes.setPlaceholder(routeNames.isEmpty() ? "This tenant has no routes yet" : "All routes");

        algorithm.setId("key-algorithm");
        algorithm.setLabel("Algorithm");
        algorithm.setItems(ALGORITHMS);
        algorithm.setValue("HS256");
        algorithm.setHelperText("Pinned for this key. HS*: the gateway generates a shared secret; RS256/ES256: your"
                + " issuer signs with its private key.");
        algorithm.addValueChangeListener(e -> showJwtFields());

        publicKey.setId("key-public-key");
        publicKey.setPlaceholder("-----BEGIN PUBLIC KEY-----");
        publicKey.setMinHeight("8rem");
        publicKey.getElement().executeJs("this.inputElement && (this.inputElement.style.fontFamily ="
                + " 'var(--lumo-font-family-monospace, monospace)')");

        add(type, name, expires, routes, algorithm, publicKey);
        showJwtFields();
    }

    /**
     * A dialog that issues a key with {@code issue} and hands the result to {@code onIssued} (which shows it once).
     * The dialog keeps no reference to the issued key.
     */
    static FormDialog dialog(List<String> routeNames, ZoneId zone, Function<IssueRequest, IssuedCredential> issue,
                             Consumer<IssuedCredential> onIssued) {
        IssueKeyForm form = new IssueKeyForm(routeNames, zone);
        FormDialog dialog = new FormDialog("Issue key", "key-issue", form, form.errors,
                () -> onIssued.accept(issue.apply(form.request())));
        dialog.saveButton().setText("Issue key");
        dialog.setWidth("min(36rem, 95vw)");
        return dialog;
    }

    /** The request as entered; throws the problems a person can fix before asking the service. */
    IssueRequest request() {
        List<FieldProblem> problems = new ArrayList<>();
        if (nameProblem() != null) {
            problems.add(new FieldProblem("name", nameProblem()));
        }
        if (expiryProblem() != null) {
            problems.add(new FieldProblem("expiresAt", expiryProblem()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        boolean jwt = type.getValue() == CredentialType.JWT;
        boolean withPublicKey = jwt && PUBLIC_KEY_ALGORITHMS.contains(algorithm.getValue());
        OffsetDateTime expiresAt = expires.getValue() == null ? null
                : expires.getValue().atZone(zone).toOffsetDateTime();
        List<String> scope = routes.getValue().isEmpty() ? null
                : routeNames.stream().filter(routes.getValue()::contains).toList();
        return new IssueRequest(type.getValue() == null ? null : type.getValue().name(), name.getValue(),
                jwt ? algorithm.getValue() : null, withPublicKey ? blankToNull(publicKey.getValue()) : null, null,
                expiresAt, scope);
    }

    private String nameProblem() {
        return name.getValue().isBlank() ? "Name is required, e.g. ci-pipeline" : null;
    }

    private String expiryProblem() {
        LocalDateTime value = expires.getValue();
        return value != null && !value.atZone(zone).toInstant().isAfter(Instant.now())
                ? "The expiry must be in the future" : null;
    }

    private void showJwtFields() {
        boolean jwt = type.getValue() == CredentialType.JWT;
        algorithm.setVisible(jwt);
        publicKey.setVisible(jwt && PUBLIC_KEY_ALGORITHMS.contains(algorithm.getValue()));
        publicKey.setRequiredIndicatorVisible(publicKey.isVisible());
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "type" -> type;
            case "name" -> name;
            case "expiresAt" -> expires;
            case "routes" -> routes;
            case "algorithm" -> algorithm;
            case "publicKeyPem", "jwksUrl" -> publicKey;
            default -> null;
        };
    }

    private static String typeLabel(CredentialType type) {
        return switch (type) {
            case BASIC -> "Basic - username and password";
            case AKSK -> "AK/SK - AWS Signature V4";
            case JWT -> "JWT - signed bearer tokens";
        };
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
