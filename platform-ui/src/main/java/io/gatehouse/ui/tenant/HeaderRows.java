package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headers the gateway adds to every upstream request (API keys and the like). Values are write-only: when editing,
 * the stored names are shown with empty values, and the rows are sent only if "Replace injected headers" is
 * ticked; otherwise the stored headers stay as they are.
 */
final class HeaderRows extends VerticalLayout {
    private static final Pattern VALUE_PATH = Pattern.compile("^headerValues\\[(\\d+)]$");

    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout list = new VerticalLayout();
    private final Button add = new Button("Add header", VaadinIcon.PLUS.create(), e -> addRow(""));
    private final Checkbox replace = new Checkbox("Replace injected headers");
    private final boolean editing;

    /** @param storedNames the names of the stored headers when editing, or {@code null} when creating */
    HeaderRows(List<String> storedNames) {
        this.editing = storedNames != null;
        setPadding(false);
        setSpacing(false);
        list.setPadding(false);
        list.setSpacing(false);
        add.setId("provider-add-header");
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add(FormParts.groupLabel("Injected headers"),
                FormParts.groupHelp("Added to every upstream request, e.g. Authorization or X-Api-Key. "
                        + "Values are stored encrypted and never shown again."));
        if (editing) {
            replace.setId("provider-replace-headers");
            replace.setHelperText("Leave unticked to keep the stored headers and values unchanged. "
                    + "Tick to replace them all with the rows below (re-enter every value; no rows removes them).");
            replace.addValueChangeListener(e -> setRowsEnabled(e.getValue()));
            add(replace);
            storedNames.forEach(this::addRow);
        }
        add(list, add);
        setRowsEnabled(!editing);
    }

    /**
     * The headers to send: {@code null} keeps the stored ones. Rows with neither name nor value are ignored.
     * An empty value is refused here, because the service would store it and a forgotten value is the likely cause.
     */
    Map<String, String> value() {
        if (editing && !replace.getValue()) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            String name = row.name.getValue().strip();
            if (!name.isEmpty() && row.value.getValue().isEmpty()) {
                problems.add(new FieldProblem("headerValues[" + i + "]", "enter the value to send"));
            } else if (!name.isEmpty() || !row.value.getValue().isEmpty()) {
                headers.put(name, row.value.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return headers;
    }

    /** The name field of the row a {@code headers.<name>} problem is about, a value field, or null. */
    HasValidation fieldFor(String path) {
        Matcher valuePath = VALUE_PATH.matcher(path);
        if (valuePath.matches()) {
            int index = Integer.parseInt(valuePath.group(1));
            return index < rows.size() ? rows.get(index).value : null;
        }
        if (!path.startsWith("headers.")) {
            return null;
        }
        String name = path.substring("headers.".length());
        return rows.stream().filter(r -> r.name.getValue().strip().equals(name)).findFirst()
                .map(r -> (HasValidation) r.name).orElse(null);
    }

    private void setRowsEnabled(boolean enabled) {
        rows.forEach(r -> r.layout.setEnabled(enabled));
        add.setEnabled(enabled);
    }

    private void addRow(String name) {
        Row row = new Row(name);
        rows.add(row);
        list.add(row.layout);
        renumber();
    }

    private void removeRow(Row row) {
        rows.remove(row);
        list.remove(row.layout);
        renumber();
    }

    private void renumber() {
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).name.setId("provider-header-name-" + i);
            rows.get(i).value.setId("provider-header-value-" + i);
        }
    }

    private final class Row {
        final TextField name = new TextField();
        final PasswordField value = new PasswordField();
        final HorizontalLayout layout;

        Row(String headerName) {
            name.setValue(headerName);
            name.setPlaceholder("Header name");
            name.setAriaLabel("Header name");
            value.setPlaceholder(editing && !headerName.isEmpty() ? "new value (stored value hidden)" : "value");
            value.setAriaLabel("Header value");
            value.setRevealButtonVisible(true);
            Button remove = new Button(VaadinIcon.TRASH.create(), e -> removeRow(this));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove header");
            layout = new HorizontalLayout(name, value, remove);
            layout.setWidthFull();
            layout.setAlignItems(FlexComponent.Alignment.START);
            layout.expand(value);
        }
    }
}
