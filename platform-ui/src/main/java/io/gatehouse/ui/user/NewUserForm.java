package io.gatehouse.ui.user;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.CreatedUser;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.PasswordRules;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** The fields of a new user. A password is generated unless the admin types one, which is checked as it is typed. */
final class NewUserForm extends FormLayout {
    private final TextField username = new TextField("Username");
    private final RoleFields roles;
    private final Checkbox generate = new Checkbox("Generate one for me", true);
    private final PasswordField password = new PasswordField("Password");
    private final FieldErrors errors = new FieldErrors(this::fieldFor);

    private NewUserForm(List<ConsoleRole> offered, List<String> tenantSlugs) {
        setResponsiveSteps(new ResponsiveStep("0", 1));
        roles = new RoleFields(offered, tenantSlugs);

        username.setId("user-username");
        username.setRequiredIndicatorVisible(true);
        username.setMaxLength(100);
        username.setHelperText("Lower-case letters, digits and . _ @ -, e.g. jane.doe");
        username.setAutofocus(true);
        username.addValueChangeListener(e -> recheckPassword());

        generate.setId("user-generate");
        generate.addValueChangeListener(e -> {
            password.setVisible(!e.getValue());
            FieldErrors.live(password, null);
        });
        password.setId("user-password");
        password.setHelperText(PasswordRules.HINT);
        password.setVisible(false);
        password.setValueChangeMode(ValueChangeMode.LAZY);
        password.addValueChangeListener(e -> recheckPassword());
        password.addBlurListener(e -> recheckPassword());
        add(username, roles.role, roles.tenants, generate, password);
    }

    /** A dialog that creates the user with {@code create} and hands the result (maybe a password) to {@code onCreated}. */
    static FormDialog dialog(List<ConsoleRole> offered, List<String> tenantSlugs, Function<NewUser, CreatedUser> create,
                             Consumer<CreatedUser> onCreated) {
        NewUserForm form = new NewUserForm(offered, tenantSlugs);
        FormDialog dialog = new FormDialog("New user", "user-create", form, form.errors,
                () -> onCreated.accept(create.apply(form.request())));
        dialog.saveButton().setText("Create user");
        dialog.setWidth("min(30rem, 95vw)");
        return dialog;
    }

    private NewUser request() {
        String typed = generate.getValue() ? null : password.getValue();
        String problem = typed == null ? null : passwordProblem();
        if (problem != null) {
            throw new InvalidInputException("password", problem);
        }
        return new NewUser(username.getValue().strip(), typed, roles.role.getValue(), roles.chosenTenants());
    }

    private void recheckPassword() {
        if (password.isVisible() && !password.getValue().isEmpty()) {
            FieldErrors.live(password, passwordProblem());
        }
    }

    private String passwordProblem() {
        return PasswordRules.problem(username.getValue().strip(), password.getValue());
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "username" -> username;
            case "password" -> password;
            default -> roles.fieldFor(path);
        };
    }
}
