package io.gatehouse.ui.tenant;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.data.provider.ListDataProvider;
import io.gatehouse.gateway.route.RetrySpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The retry part of the route form. Retry conditions may be typed in, e.g. 429 or 500. */
final class RetryFields {
    private static final List<String> CONDITIONS =
            List.of("connect-failure", "reset", "timeout", "500", "502", "503", "504", "429");

    final IntegerField maxAttempts = number("Max attempts", "route-max-attempts",
            "Counts the first try; 1 = no retry, at most 10 (default 3)");
    final IntegerField initialBackoff = number("Initial backoff", "route-initial-backoff",
            "Wait before the first retry; doubles each time, with jitter (default 100)");
    final IntegerField maxBackoff = number("Max backoff", "route-max-backoff", "Upper bound for one wait (default 2000)");
    final MultiSelectComboBox<String> retryOn = new MultiSelectComboBox<>("Retry on");
    final Checkbox retryNonIdempotent = new Checkbox("Retry non-idempotent requests");
    private final List<String> conditions = new ArrayList<>(CONDITIONS);
    private final ListDataProvider<String> conditionItems = new ListDataProvider<>(conditions);

    RetryFields(RetrySpec retry) {
        maxAttempts.setMax(10);
        initialBackoff.setSuffixComponent(new Span("ms"));
        maxBackoff.setSuffixComponent(new Span("ms"));
        maxAttempts.setValue(retry.maxAttempts());
        initialBackoff.setValue(retry.initialBackoffMs());
        maxBackoff.setValue(retry.maxBackoffMs());

        retryOn.setId("route-retry-on");
        retryOn.setHelperText("connect-failure, reset, timeout, or an upstream status such as 503 (type to add one)");
        retryOn.setAllowCustomValue(true);
        retryOn.setAutoExpand(MultiSelectComboBox.AutoExpandMode.VERTICAL);
        retry.retryOn().stream().filter(c -> !conditions.contains(c)).forEach(conditions::add);
        retryOn.setItems(conditionItems);
        retryOn.setValue(new LinkedHashSet<>(retry.retryOn()));
        retryOn.addCustomValueSetListener(e -> addCondition(e.getDetail().strip()));

        retryNonIdempotent.setId("route-retry-non-idempotent");
        retryNonIdempotent.setValue(retry.retryNonIdempotent());
        retryNonIdempotent.setHelperText("Also retry POST and PATCH; only safe if the upstream tolerates duplicates");
    }

    RetrySpec value() {
        List<String> selected = conditions.stream().filter(retryOn.getValue()::contains).toList();
        return new RetrySpec(maxAttempts.getValue(), initialBackoff.getValue(), maxBackoff.getValue(), selected,
                retryNonIdempotent.getValue());
    }

    HasValidation fieldFor(String path) {
        return switch (path) {
            case "retry.maxAttempts" -> maxAttempts;
            case "retry.initialBackoffMs" -> initialBackoff;
            case "retry.maxBackoffMs" -> maxBackoff;
            case "retry.retryOn" -> retryOn;
            default -> null;
        };
    }

    private void addCondition(String condition) {
        if (condition.isEmpty()) {
            return;
        }
        if (!conditions.contains(condition)) {
            conditions.add(condition);
            conditionItems.refreshAll();
        }
        retryOn.select(condition);
    }

    private static IntegerField number(String label, String id, String help) {
        IntegerField field = new IntegerField(label);
        field.setId(id);
        field.setMin(0);
        field.setHelperText(help);
        return field;
    }
}
