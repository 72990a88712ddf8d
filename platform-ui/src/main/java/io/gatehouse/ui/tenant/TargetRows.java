package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.gateway.route.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Editable rows of a provider's targets (URL and weight); ids follow the row index, as problem paths do. */
final class TargetRows extends VerticalLayout {
    private static final Pattern PATH = Pattern.compile("^targets\\[(\\d+)]\\.(url|weight)$");

    private final List<Row> rows = new ArrayList<>();
    private final VerticalLayout list = new VerticalLayout();

    TargetRows(List<TargetSpec> targets) {
        setPadding(false);
        setSpacing(false);
        list.setPadding(false);
        list.setSpacing(false);
        Span label = FormParts.groupLabel("Targets");
        Span help = FormParts.groupHelp("Upstream base URLs, e.g. https://api.example.com/v1; traffic is spread by weight");
        Button add = new Button("Add target", VaadinIcon.PLUS.create(), e -> addRow(new TargetSpec("", 1)));
        add.setId("provider-add-target");
        add.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        add(label, help, list, add);
        (targets.isEmpty() ? List.of(new TargetSpec("", 1)) : targets).forEach(this::addRow);
    }

    List<TargetSpec> value() {
        return rows.stream().map(r -> new TargetSpec(r.url.getValue().strip(), r.weight.getValue()))
                .toList();
    }

    /** The field for {@code targets[i].url} or {@code targets[i].weight}, or null. */
    HasValidation fieldFor(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            return null;
        }
        int index = Integer.parseInt(m.group(1));
        if (index >= rows.size()) {
            return null;
        }
        return m.group(2).equals("url") ? rows.get(index).url : rows.get(index).weight;
    }

    private void addRow(TargetSpec target) {
        Row row = new Row(target);
        rows.add(row);
        list.add(row.layout);
        renumber();
    }

    private void removeRow(Row row) {
        rows.remove(row);
        list.remove(row.layout);
        if (rows.isEmpty()) {
            addRow(new TargetSpec("", 1));
        }
        renumber();
    }

    private void renumber() {
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            row.url.setId("provider-target-url-" + i);
            row.weight.setId("provider-target-weight-" + i);
            row.remove.setId("provider-target-remove-" + i);
        }
    }

    private final class Row {
        final TextField url = new TextField();
        final IntegerField weight = new IntegerField();
        final Button remove = new Button(VaadinIcon.TRASH.create());
        final HorizontalLayout layout = new HorizontalLayout(url, weight, remove);

        Row(TargetSpec target) {
            url.setPlaceholder("http://host:port/base-path");
            url.setAriaLabel("Target URL");
            url.setValue(target.url() == null ? "" : target.url());
            url.setWidthFull();
            weight.setValue(target.weight());
            weight.setMin(1);
            weight.setMax(1000);
            weight.setStepButtonsVisible(true);
            weight.setWidth("8rem");
            weight.setAriaLabel("Weight");
            weight.setTooltipText("Weight: this target's share of traffic (1-1000)");
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove target");
            remove.addClickListener(e -> removeRow(this));
            layout.setWidthFull();
            layout.setAlignItems(FlexComponent.Alignment.START);
            layout.expand(url);
        }
    }
}
