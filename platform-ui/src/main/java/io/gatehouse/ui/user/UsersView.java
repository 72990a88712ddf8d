package io.gatehouse.ui.user;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.access.Caller;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.auth.user.CreatedUser;
import io.gatehouse.auth.user.UserChange;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.auth.user.UserView;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.ui.base.Confirm;
import io.gatehouse.ui.base.MainLayout;
import io.gatehouse.ui.base.Notices;
import io.gatehouse.ui.base.RequestUrls;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

/**
 * Console users: platform admins see and manage everyone, tenant admins the tenant-role users of their tenants. New
 * and reset passwords are generated and shown once, in a {@link PasswordOnce}.
 */
@Route(value = "users", layout = MainLayout.class)
@PageTitle("Users | Gatehouse")
@RolesAllowed({"PLATFORM_ADMIN", "TENANT_ADMIN"})
public class UsersView extends VerticalLayout implements UserList.Actions {
    private final UserManagement users;
    private final TenantService tenants;
    private final Caller caller;
    private final String consoleBase = RequestUrls.consoleBase();
    private final UserList list;

    UsersView(UserManagement users, TenantService tenants, AccessControl access) {
        this.users = users;
        this.tenants = tenants;
        this.caller = access.caller();
        setWidthFull();

        Paragraph hint = new Paragraph(caller.isPlatformAdmin()
                ? "Everyone who may sign in to this console. Platform admins manage everything; tenant admins manage"
                + " their tenants and the users in them; tenant viewers only read."
                : "The users of your tenants. You can add tenant admins and viewers to your tenants; platform admins"
                + " and memberships in other tenants are managed by a platform admin.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin-top", "0");
        Button create = new Button("New user", VaadinIcon.PLUS.create(), e -> openCreate());
        create.setId("new-user");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        list = new UserList(create, caller.username(), this);
        add(new H2("Users"), hint, list);
        refresh();
    }

    private void openCreate() {
        NewUserForm.dialog(RoleFields.offeredTo(caller), tenantSlugs(), users::create, this::created).open();
    }

    private void created(CreatedUser created) {
        refresh();
        Notices.success("User '" + created.user().username() + "' created");
        if (created.generatedPassword() != null) {
            showOnce(new PasswordOnce("User created", created.user().username(), created.generatedPassword(),
                    consoleBase));
        }
    }

    @Override
    public void edit(UserView user) {
        EditUserForm.dialog(user, user.username().equals(caller.username()), RoleFields.offeredTo(caller),
                tenantSlugs(), change -> {
                    try {
                        users.update(user.username(), change);
                    } catch (ConflictException | ForbiddenException e) {
                        Notices.error(e.getMessage());
                        throw e; // the dialog shows it too and stays open
                    }
                    refresh();
                    Notices.success("User '" + user.username() + "' saved");
                }).open();
    }

    @Override
    public void resetPassword(UserView user) {
        Confirm.destructive("Reset the password of '" + user.username() + "'?",
                "A new password is generated and shown to you once. The current password stops working at once;"
                        + " the user's API tokens keep working (disable the user to stop them too).",
                "Generate new password", () -> attempt(() -> showOnce(new PasswordOnce("Password reset",
                        user.username(), users.resetPassword(user.username()), consoleBase))));
    }

    @Override
    public void toggleEnabled(UserView user) {
        boolean enable = !user.enabled();
        attempt(() -> {
            users.update(user.username(), new UserChange(null, null, enable));
            Notices.success("User '" + user.username() + "' " + (enable ? "enabled" : "disabled"));
        });
    }

    @Override
    public void delete(UserView user) {
        Confirm.destructive("Delete user '" + user.username() + "'?",
                user.username() + " can no longer sign in, and its API tokens stop working. This cannot be undone.",
                "Delete user", () -> attempt(() -> {
                    users.delete(user.username());
                    Notices.success("User '" + user.username() + "' deleted");
                }));
    }

    private void showOnce(PasswordOnce panel) {
        add(panel);
        panel.open();
    }

    /** Runs a row action; what the service refuses (the last platform admin, yourself, gone meanwhile) is a notice. */
    private void attempt(Runnable action) {
        try {
            action.run();
        } catch (ForbiddenException | ConflictException | NotFoundException | InvalidInputException e) {
            Notices.error(e.getMessage());
        }
        refresh();
    }

    private List<String> tenantSlugs() {
        return tenants.list().stream().map(TenantView::slug).toList();
    }

    private void refresh() {
        list.setItems(users.list());
    }
}
