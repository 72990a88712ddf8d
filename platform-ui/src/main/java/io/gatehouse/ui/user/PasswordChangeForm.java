package io.gatehouse.ui.user;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.auth.user.PasswordRules;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.Notices;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Current, new and repeated password. The new one is checked against the password rules as it is typed and the
 * repetition against it; the service's verdict (wrong current password, too weak) lands on the same fields.
 */
final class PasswordChangeForm extends FormLayout {
    private final PasswordField current = new PasswordField("Current password");
    private final PasswordField next = new PasswordField("New password");
    private final PasswordField repeat = new PasswordField("Repeat the new password");
    private final FieldErrors errors = new FieldErrors(this::fieldFor);
    private final String username;
    private final BiConsumer<String, String> change;

    /** @param change the service call (current, new); throws InvalidInputException for fields */
    PasswordChangeForm(String username, BiConsumer<String, String> change) {
        this.username = username;
        this.change = change;
        setResponsiveSteps(new ResponsiveStep("0", 1));
        setMaxWidth("26rem");
        current.setId("current-password");
        next.setId("new-password");
        next.setHelperText(PasswordRules.HINT);
        repeat.setId("repeat-password");
        for (PasswordField field : List.of(current, next, repeat)) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.getElement().setAttribute("autocomplete", field == current ? "current-password" : "new-password");
        }
        next.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                recheck();
            }
        });
        next.addBlurListener(e -> recheck());
        repeat.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                FieldErrors.live(repeat, mismatch());
            }
        });
        repeat.addBlurListener(e -> {
            if (!repeat.isEmpty()) {
                FieldErrors.live(repeat, mismatch());
            }
        });

        Button save = new Button("Change password", e -> submit());
        save.setId("change-password");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.ENTER).listenOn(this);
        add(current, next, repeat, save);
    }

    private void recheck() {
        if (!next.isEmpty()) {
            FieldErrors.live(next, PasswordRules.problem(username, next.getValue()));
        }
        if (!repeat.isEmpty()) {
            FieldErrors.live(repeat, mismatch());
        }
    }

    private void submit() {
        errors.clear();
        String weak = PasswordRules.problem(username, next.getValue());
        FieldErrors.live(current, current.isEmpty() ? "Enter your current password" : null);
        FieldErrors.live(next, weak);
        FieldErrors.live(repeat, weak == null ? mismatch() : null);
        if (current.isInvalid() || next.isInvalid() || repeat.isInvalid()) {
            return;
        }
        try {
            change.accept(current.getValue(), next.getValue());
        } catch (InvalidInputException e) {
            errors.show(e.problems()).forEach(Notices::error);
            return;
        }
        for (PasswordField field : List.of(current, next, repeat)) {
            field.clear();
            FieldErrors.live(field, null);
        }
        Notices.success("Password changed. Use the new one the next time you sign in.");
    }

    private String mismatch() {
        return repeat.getValue().equals(next.getValue()) ? null : "The passwords do not match";
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "currentPassword" -> current;
            case "newPassword" -> next;
            default -> null;
        };
    }
}
