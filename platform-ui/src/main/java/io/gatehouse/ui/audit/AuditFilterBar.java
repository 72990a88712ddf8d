package io.gatehouse.ui.audit;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.gatehouse.auth.audit.AuditFilter;
import io.gatehouse.ui.base.TimeRange;
import io.gatehouse.ui.base.TimeRangeFilter;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The Audit page's filters; calls {@code onChange} whenever one changes. The tenant is picked from today's tenants or
 * typed (entries of a deleted tenant keep its slug); the action is one action or a prefix ending in a dot.
 */
class AuditFilterBar extends HorizontalLayout {
    private final TimeRangeFilter time;
    private final ComboBox<String> tenant = new ComboBox<>("Tenant");
    private final TextField actor = new TextField("Actor");
    private final TextField action = new TextField("Action");

    AuditFilterBar(List<String> tenants, Runnable onChange) {
        time = new TimeRangeFilter("audit-filter", TimeRange.ALL, onChange);
        tenant.setId("audit-filter-tenant");
        tenant.setItems(tenants);
        tenant.setAllowCustomValue(true);
        tenant.addCustomValueSetListener(e -> tenant.setValue(e.getDetail()));
        tenant.setClearButtonVisible(true);
        tenant.setPlaceholder("all");
        actor.setId("audit-filter-actor");
        actor.setPlaceholder("anyone");
        action.setId("audit-filter-action");
        action.setPlaceholder("e.g. tenant. or route.update");
        action.setHelperText("one action, or a prefix ending in a dot");
        for (TextField field : List.of(actor, action)) {
            field.setClearButtonVisible(true);
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.addValueChangeListener(e -> onChange.run());
        }
        tenant.addValueChangeListener(e -> onChange.run());
        add(time.fields());
        add(tenant, actor, action);
        setAlignItems(FlexComponent.Alignment.BASELINE);
        setWrap(true);
    }

    /** The filter as set now (times relative to {@code now}); null when the custom time range is backwards. */
    AuditFilter filter(Instant now, ZoneId zone, int limit) {
        TimeRangeFilter.Window window = time.window(now, zone);
        if (window == null) {
            return null;
        }
        return new AuditFilter(tenant.getValue(), actor.getValue(), action.getValue(), null, window.from(), window.to(),
                limit, null);
    }
}
