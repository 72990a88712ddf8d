package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.auth.tenant.TenantRules;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.ui.base.FieldErrors;
import io.gatehouse.ui.base.FormDialog;
import java.util.function.BiConsumer;

/** Create a tenant (slug and name) or rename one; both fields are checked with the service's rules as you type. */
final class TenantDialog {
    private final TextField slug = new TextField("Slug");
    private final TextField name = new TextField("Name");

    private TenantDialog() {
        slug.setId("tenant-slug");
        slug.setHelperText("Appears in every gateway URL of this tenant: lower-case letters, digits and '-'");
        slug.setValueChangeMode(ValueChangeMode.EAGER);
        slug.addValueChangeListener(e -> FieldErrors.live(slug, TenantRules.slugProblem(e.getValue())));
        name.setId("tenant-name");
        name.setHelperText("Display name, e.g. the customer or team");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.addValueChangeListener(e -> FieldErrors.live(name, TenantRules.nameProblem(e.getValue())));
    }

    static FormDialog forCreate(BiConsumer<String, String> create) {
        TenantDialog form = new TenantDialog();
        FormDialog dialog = form.dialog("New tenant", create);
        form.slug.setAutofocus(true);
        return dialog;
    }

    static FormDialog forRename(TenantView tenant, BiConsumer<String, String> rename) {
        TenantDialog form = new TenantDialog();
        form.slug.setValue(tenant.slug());
        form.slug.setReadOnly(true);
        form.slug.setHelperText("The slug cannot change: it is part of every gateway URL");
        form.name.setValue(tenant.name());
        form.name.setAutofocus(true);
        return form.dialog("Rename tenant", rename);
    }

    private FormDialog dialog(String title, BiConsumer<String, String> save) {
        FormLayout layout = new FormLayout(slug, name);
        layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        layout.setWidth("26rem");
        FieldErrors errors = new FieldErrors(this::fieldFor);
        FormDialog dialog = new FormDialog(title, "tenant-save", layout, errors,
                () -> save.accept(slug.getValue().strip(), name.getValue()));
        dialog.saveButton().addClickShortcut(Key.ENTER);
        return dialog;
    }

    private HasValidation fieldFor(String path) {
        return switch (path) {
            case "slug" -> slug;
            case "name" -> name;
            default -> null;
        };
    }
}
