package io.gatehouse.ui.base;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import java.util.Locale;

/** The text box above a list that narrows it as you type. */
public final class FilterField {
    private FilterField() {
    }

    /** @param onChange runs on every keystroke, e.g. to refresh the grid's filter */
    public static TextField of(String id, String placeholder, Runnable onChange) {
        TextField filter = new TextField();
        filter.setId(id);
        filter.setPlaceholder(placeholder);
        filter.setWidth("18rem");
        filter.setPrefixComponent(VaadinIcon.SEARCH.create());
        filter.setClearButtonVisible(true);
        filter.setValueChangeMode(ValueChangeMode.EAGER);
        filter.addValueChangeListener(e -> onChange.run());
        return filter;
    }

    /** What was typed, trimmed and in lower case; empty when nothing was. */
    public static String term(TextField filter) {
        return filter.getValue() == null ? "" : filter.getValue().strip().toLowerCase(Locale.ROOT);
    }
}
