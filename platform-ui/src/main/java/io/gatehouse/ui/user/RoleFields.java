package io.gatehouse.ui.user;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import io.gatehouse.auth.access.Caller;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.ui.base.Badge;
import java.util.List;
import java.util.Locale;

/**
 * A user's role and tenants, as the new-user and edit dialogs ask for them. Platform admins belong to every tenant, so
 * the tenants field hides for that role; tenant admins are offered only tenant roles and their own tenants.
 */
final class RoleFields {
    final Select<ConsoleRole> role = new Select<>();
    final MultiSelectComboBox<String> tenants = new MultiSelectComboBox<>("Tenants");

    RoleFields(List<ConsoleRole> offered, List<String> tenantSlugs) {
        role.setId("user-role");
        role.setLabel("Role");
        role.setItems(offered);
        role.setItemLabelGenerator(RoleFields::describe);
        role.setValue(ConsoleRole.TENANT_VIEWER);
        role.addValueChangeListener(e -> tenants.setVisible(e.getValue() != ConsoleRole.PLATFORM_ADMIN));
        tenants.setId("user-tenants");
        tenants.setItems(tenantSlugs);
        tenants.setRequiredIndicatorVisible(true);
        tenants.setHelperText("Where this user works; at least one");
        tenants.setPlaceholder(tenantSlugs.isEmpty() ? "No tenants yet - create one first" : "Pick tenants");
    }

    /** Platform admins may grant every role; tenant admins only the tenant roles. */
    static List<ConsoleRole> offeredTo(Caller caller) {
        return caller.isPlatformAdmin() ? List.of(ConsoleRole.values())
                : List.of(ConsoleRole.TENANT_ADMIN, ConsoleRole.TENANT_VIEWER);
    }

    /** The chosen tenants in a stable order; none for a platform admin. */
    List<String> chosenTenants() {
        return role.getValue() == ConsoleRole.PLATFORM_ADMIN ? List.of() : tenants.getValue().stream().sorted().toList();
    }

    HasValidation fieldFor(String path) {
        return switch (path) {
            case "role" -> role;
            case "tenants" -> tenants;
            default -> null;
        };
    }

    static String label(ConsoleRole role) {
        return switch (role) {
            case PLATFORM_ADMIN -> "Platform admin";
            case TENANT_ADMIN -> "Tenant admin";
            case TENANT_VIEWER -> "Tenant viewer";
        };
    }

    static Span badge(ConsoleRole role) {
        Span badge = Badge.of(label(role), switch (role) {
            case PLATFORM_ADMIN -> "primary";
            case TENANT_ADMIN -> "success";
            case TENANT_VIEWER -> "contrast";
        });
        badge.getElement().setAttribute("data-role", role.name().toLowerCase(Locale.ROOT));
        return badge;
    }

    private static String describe(ConsoleRole role) {
        return label(role) + switch (role) {
            case PLATFORM_ADMIN -> " - everything, every tenant";
            case TENANT_ADMIN -> " - manages its tenants and their users";
            case TENANT_VIEWER -> " - reads its tenants";
        };
    }
}
