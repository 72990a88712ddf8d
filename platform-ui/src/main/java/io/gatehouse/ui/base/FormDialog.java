package io.gatehouse.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import java.util.List;

/**
 * A modal form whose Save runs a service call: on success the dialog closes; validation problems and conflicts
 * appear on the fields they name, anything else (also a refusal: "you may not") in a paragraph above the buttons. The dialog stays open until
 * the input is accepted or the user cancels.
 */
public class FormDialog extends Dialog {
    private final FieldErrors errors;
    private final Paragraph problem = new Paragraph();
    private final Button save = new Button("Save");

    /**
     * @param saveId stable id of the Save button
     * @param onSave the service call; throws what services throw
     */
    public FormDialog(String title, String saveId, Component form, FieldErrors errors, Runnable onSave) {
        this.errors = errors;
        setHeaderTitle(title);
        setCloseOnOutsideClick(false);
        problem.setId(saveId + "-problem");
        problem.getStyle().set("color", "var(--lumo-error-text-color)").set("font-size", "var(--lumo-font-size-s)");
        problem.setVisible(false);
        problem.getStyle().set("white-space", "pre-line");
        add(form, problem);

        save.setId(saveId);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(e -> attempt(onSave));
        Button cancel = new Button("Cancel", e -> close());
        getFooter().add(cancel, save);
    }

    public Button saveButton() {
        return save;
    }

    private void attempt(Runnable onSave) {
        errors.clear();
        problem.setVisible(false);
        try {
            onSave.run();
            close();
        } catch (InvalidInputException e) {
            showUnmatched(errors.show(e.problems()));
        } catch (ConflictException e) {
            if (!errors.show(e.field(), e.getMessage())) {
                showUnmatched(List.of(e.getMessage()));
            }
        } catch (NotFoundException e) {
            showUnmatched(List.of(e.getMessage() + " - it may have been deleted meanwhile; close and reload"));
        } catch (ForbiddenException e) {
            showUnmatched(List.of(e.getMessage()));
        }
    }

    private void showUnmatched(List<String> lines) {
        if (!lines.isEmpty()) {
            problem.setText(String.join("\n", lines));
            problem.setVisible(true);
        }
    }
}
