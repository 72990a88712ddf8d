package io.gatehouse.ui.credential;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.select.Select;
import io.gatehouse.auth.credential.CredentialView;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Asks how long the old secret of a key should keep working before a new one is issued under the same id. */
final class RotateDialog extends Dialog {
    private static final Map<Duration, String> GRACE = new LinkedHashMap<>();

    static {
        GRACE.put(Duration.ZERO, "Stop at once");
        GRACE.put(Duration.ofHours(1), "1 hour");
        GRACE.put(Duration.ofHours(24), "24 hours");
        GRACE.put(Duration.ofDays(7), "7 days");
        GRACE.put(Duration.ofDays(30), "30 days");
    }

    RotateDialog(CredentialView key, Consumer<Duration> rotate) {
        setId("rotate-dialog");
        setHeaderTitle("Rotate key '" + key.name() + "'?");
        setWidth("min(30rem, 95vw)");

        Select<Duration> grace = new Select<>();
        grace.setId("rotate-grace");
        grace.setLabel("The old secret keeps working for");
        grace.setItems(GRACE.keySet());
        grace.setItemLabelGenerator(GRACE::get);
        grace.setValue(Duration.ofHours(24));
        grace.setWidthFull();
        add(new Paragraph("A new secret is issued for " + key.type() + " key " + key.keyPrefix()
                + "; the key id stays the same. You will see the new secret once."), grace);

        Button confirm = new Button("Rotate", e -> {
            close();
            rotate.accept(grace.getValue());
        });
        confirm.setId("rotate-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), confirm);
    }
}
