package io.gatehouse.ui.user;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserView;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

/** Role, tenants and enabled state of an existing user; the user name cannot change. */
final class EditUserForm extends FormLayout {
    private final RoleFields roles;
    private final Checkbox enabled = new Checkbox("Enabled - may sign in and use its API tokens");

    private EditUserForm(UserView user, boolean yourself, List<ConsoleRole> offered, List<String> tenantSlugs) {
        setResponsiveSteps(new ResponsiveStep("0", 1));
        roles = new RoleFields(offered, tenantSlugs);
        roles.role.setValue(user.role());
        roles.tenants.setValue(new HashSet<>(user.tenants()));
        enabled.setId("user-enabled");
        enabled.setValue(user.enabled());
        if (yourself) {
            roles.role.setReadOnly(true);
            roles.role.setHelperText("You cannot change your own role; ask another admin");
            enabled.setReadOnly(true);
        }
        add(roles.role, roles.tenants, enabled);
    }

    static FormDialog dialog(UserView user, boolean yourself, List<ConsoleRole> offered, List<String> tenantSlugs,
                             Consumer<UserChange> save) {
        EditUserForm form = new EditUserForm(user, yourself, offered, tenantSlugs);
        FieldErrors errors = new FieldErrors(form.roles::fieldFor);
        FormDialog dialog = new FormDialog("Edit user '" + user.username() + "'", "user-save", form, errors,
                () -> save.accept(new UserChange(form.roles.role.getValue(), form.roles.chosenTenants(),
                        form.enabled.getValue())));
        dialog.setWidth("min(30rem, 95vw)");
        return dialog;
    }
}
