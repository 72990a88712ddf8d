package io.gatehouse.ui.user;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.IssuedToken;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/** Name and lifetime of a new personal API token. */
final class NewTokenForm extends FormLayout {
    private final TextField name = new TextField("Name");
    private final IntegerField days = new IntegerField("Expires in (days)");
    private final FieldErrors errors = new FieldErrors(this::fieldFor);

    private NewTokenForm() {
        setResponsiveSteps(new ResponsiveStep("0", 1));
        name.setId("token-name");
        name.setRequiredIndicatorVisible(true);
        name.setMaxLength(100);
        name.setHelperText("What will use it, e.g. ci-deploy");
        name.setAutofocus(true);
        name.setValueChangeMode(ValueChangeMode.LAZY);
        name.addValueChangeListener(e -> FieldErrors.live(name, nameProblem()));
        days.setId("token-days");
        days.setMin(1);
        days.setMax(ApiTokenService.MAX_DAYS);
        days.setValue(ApiTokenService.DEFAULT_DAYS);
        days.setStepButtonsVisible(true);
        days.setHelperText("1 to " + ApiTokenService.MAX_DAYS + " days; make a new token before it runs out");
        days.setValueChangeMode(ValueChangeMode.LAZY);
        days.addValueChangeListener(e -> FieldErrors.live(days, daysProblem()));
        add(name, days);
    }

    /** A dialog that creates the token with {@code create} (name, days) and hands it to {@code onCreated}. */
    static FormDialog dialog(BiFunction<String, Integer, IssuedToken> create, Consumer<IssuedToken> onCreated) {
        NewTokenForm form = new NewTokenForm();
        FormDialog dialog = new FormDialog("New API token", "token-create", form, form.errors, () -> {
            form.check();
            onCreated.accept(create.apply(form.name.getValue().strip(), form.days.getValue()));
        });
        dialog.saveButton().setText("Create token");
        dialog.setWidth("min(26rem, 95vw)");
        return dialog;
    }

    private void check() {
        List<FieldProblem> problems = new ArrayList<>();
        if (nameProblem() != null) {
            problems.add(new FieldProblem("name", nameProblem()));
        }
        if (daysProblem() != null) {
            problems.add(new FieldProblem("expiresInDays", daysProblem()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private String nameProblem() {
        return name.getValue().isBlank() ? "Name is required, e.g. ci-deploy" : null;
    }

    private String daysProblem() {
        Integer value = days.getValue();
        return value == null || value < 1 || value > ApiTokenService.MAX_DAYS
                ? "Enter a whole number of days from 1 to " + ApiTokenService.MAX_DAYS : null;
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "name" -> name;
            case "expiresInDays" -> days;
            default -> null;
        };
    }
}
