package io.gatehouse.ui.log;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.StatusFilter;
import io.gatehouse.ui.base.TimeRange;
import io.gatehouse.ui.base.TimeRangeFilter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The Logs pages' filters; calls {@code onChange} whenever one changes. An invalid status is shown on its field. The
 * route is picked from the tenant's routes, or typed (any tenant's route of that name) on the page across tenants.
 */
class LogFilterBar extends HorizontalLayout {
    private final TimeRangeFilter time;
    private final AbstractField<?, String> route;
    private final ComboBox<String> status = new ComboBox<>("Status");
    private final TextField credential = new TextField("Credential id");
    private final TextField text = new TextField("Request id or path");

    /** {@code routes}: the tenant's route names to pick from, or null for a free-text route field. */
    LogFilterBar(List<String> routes, Runnable onChange) {
        route = routes == null ? routeText() : routeChoice(routes);
        time = new TimeRangeFilter("logs", TimeRange.LAST_DAY, onChange);
        status.setId("logs-status");
        status.setItems("2xx", "3xx", "4xx", "5xx");
        status.setAllowCustomValue(true);
        status.addCustomValueSetListener(e -> status.setValue(e.getDetail()));
        status.setClearButtonVisible(true);
        status.setPlaceholder("any, or e.g. 502");
        status.setHelperText(null);
        credential.setId("logs-credential");
        credential.setClearButtonVisible(true);
        text.setId("logs-q");
        text.setClearButtonVisible(true);
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        text.setValueChangeMode(ValueChangeMode.LAZY);
        credential.setValueChangeMode(ValueChangeMode.LAZY);
        route.addValueChangeListener(e -> onChange.run());
        status.addValueChangeListener(e -> onChange.run());
        credential.addValueChangeListener(e -> onChange.run());
        text.addValueChangeListener(e -> onChange.run());
        add(time.fields());
        add(route, status, credential, text);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
    }

    private static ComboBox<String> routeChoice(List<String> routes) {
        ComboBox<String> choice = new ComboBox<>("Route");
        choice.setId("logs-route");
        choice.setItems(routes);
        choice.setClearButtonVisible(true);
        choice.setPlaceholder("all");
        return choice;
    }

    private static TextField routeText() {
        TextField text = new TextField("Route");
        text.setId("logs-route");
        text.setClearButtonVisible(true);
        text.setPlaceholder("any");
        text.setValueChangeMode(ValueChangeMode.LAZY);
        return text;
    }

    /** The filter as set now (times relative to {@code now}); null when the status field holds something invalid. */
    LogFilter filter(Instant now, ZoneId zone, int limit) {
        StatusFilter statusFilter = null;
        String statusText = status.getValue();
        if (statusText != null && !statusText.isBlank()) {
            statusFilter = StatusFilter.parse(statusText);
            status.setInvalid(statusFilter == null);
            status.setErrorMessage("use a class like 5xx or a status like 502");
            if (statusFilter == null) {
                return null;
            }
        } else {
            status.setInvalid(false);
        }
        TimeRangeFilter.Window window = time.window(now, zone);
        if (window == null) {
            return null;
        }
        return new LogFilter(route.getValue(), statusFilter, credential.getValue(), window.from(), window.to(),
                text.getValue(), limit, null);
    }
}
