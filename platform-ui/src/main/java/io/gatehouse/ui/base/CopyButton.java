package io.gatehouse.ui.base;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.icon.VaadinIcon;

/**
 * Copies the text of another component (a field's value, a code block's text) to the clipboard entirely in the
 * browser: the click handler runs client-side, so the copied value never makes a trip to the server or anywhere else.
 */
public final class CopyButton {
    private static final String INSTALL = """
            const target = $0;
            const button = this;
            const fallback = text => {
              const area = document.createElement('textarea');
              area.value = text;
              area.setAttribute('readonly', '');
              area.style.position = 'fixed';
              area.style.opacity = '0';
              document.body.appendChild(area);
              area.select();
              const ok = document.execCommand('copy');
              area.remove();
              return ok;
            };
            this.addEventListener('click', () => {
              const text = 'value' in target ? target.value : target.textContent;
              const done = ok => button.dispatchEvent(new CustomEvent('gatehouse-copied', {detail: ok}));
              if (navigator.clipboard && window.isSecureContext) {
                navigator.clipboard.writeText(text).then(() => done(true), () => done(fallback(text)));
              } else {
                done(fallback(text));
              }
            });
            """;

    private CopyButton() {
    }

    /** @param what e.g. "password", for the tooltip and the confirmation */
    public static Button of(Component target, String what, String id) {
        Button copy = new Button("Copy", VaadinIcon.COPY_O.create());
        copy.setId(id);
        copy.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        copy.setTooltipText("Copy " + what + " to the clipboard");
        copy.getElement().setAttribute("aria-label", "Copy " + what);
        copy.getElement().executeJs(INSTALL, target.getElement());
        copy.getElement().addEventListener("gatehouse-copied", e -> {
            if (e.getEventData().getBoolean("event.detail")) {
                Notices.success("Copied " + what);
            } else {
                Notices.error("The browser refused to copy; select the text and copy it by hand.");
            }
        }).addEventData("event.detail");
        return copy;
    }
}
