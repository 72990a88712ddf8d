package io.gatehouse.ui.base;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;

/** Asks before something that cannot be undone. */
public final class Confirm {
    private Confirm() {
    }

    /** Opens a dialog whose red confirm button, labelled {@code action}, runs {@code onConfirm}. */
    public static void destructive(String header, String text, String action, Runnable onConfirm) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("confirm-dialog");
        dialog.setHeader(header);
        dialog.setText(text);
        dialog.setCancelable(true);
        dialog.setConfirmText(action);
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> onConfirm.run());
        dialog.open();
    }
}
