package io.gatehouse.ui.base;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.shared.Registration;
import io.gatehouse.common.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Shows service validation problems on the form fields they belong to. Problems name fields by JSON path
 * ({@code targets[0].url}, {@code retry.retryOn[2]}); a path with no field of its own falls back to its parent
 * ({@code retry.retryOn}), and what still has no field is returned for the caller to show elsewhere.
 */
public final class FieldErrors {
    private static final Pattern LAST_SEGMENT = Pattern.compile("(\\[\\d+]|\\.[^.\\[]*)$");

    private final Function<String, HasValidation> fields;
    private final List<HasValidation> marked = new ArrayList<>();
    private final List<Registration> resets = new ArrayList<>();

    /** @param fields finds the field for a path, or returns {@code null} */
    public FieldErrors(Function<String, HasValidation> fields) {
        this.fields = fields;
    }

    /** Marks the matching fields invalid and returns the problems that have no field, as readable lines. */
    public List<String> show(List<FieldProblem> problems) {
        clear();
        Map<HasValidation, List<String>> byField = new LinkedHashMap<>();
        List<String> unmatched = new ArrayList<>();
        for (FieldProblem problem : problems) {
            HasValidation field = fieldFor(problem.field());
            if (field == null) {
                unmatched.add(problem.field() + ": " + problem.message());
            } else {
                byField.computeIfAbsent(field, f -> new ArrayList<>()).add(problem.message());
            }
        }
        byField.forEach((field, messages) -> mark(field, String.join("; ", messages)));
        return unmatched;
    }

    /** Shows one message on the field for {@code path}; false when there is no such field. */
    public boolean show(String path, String message) {
        HasValidation field = path == null ? null : fieldFor(path);
        if (field == null) {
            return false;
        }
        mark(field, message);
        return true;
    }

    public void clear() {
        resets.forEach(Registration::remove);
        resets.clear();
        marked.forEach(FieldErrors::unmark);
        marked.clear();
    }

    /** Shows or clears a problem on one field as the user types; {@code problem == null} means fine. */
    public static void live(HasValidation field, String problem) {
        field.setManualValidation(true);
        field.setErrorMessage(problem);
        field.setInvalid(problem != null);
    }

    private HasValidation fieldFor(String path) {
        String current = path;
        while (!current.isEmpty()) {
            HasValidation field = fields.apply(current);
            if (field != null) {
                return field;
            }
            String parent = LAST_SEGMENT.matcher(current).replaceFirst("");
            if (parent.equals(current)) {
                return null;
            }
            current = parent;
        }
        return null;
    }

    // The message goes away once the user changes the field, unless live validation replaced it meanwhile.
    private void mark(HasValidation field, String message) {
        field.setManualValidation(true);
        field.setErrorMessage(message);
        field.setInvalid(true);
        marked.add(field);
        if (field instanceof HasValue<?, ?> value) {
            resets.add(value.addValueChangeListener(e -> {
                if (message.equals(field.getErrorMessage())) {
                    unmark(field);
                }
            }));
        }
    }

    private static void unmark(HasValidation field) {
        field.setInvalid(false);
        field.setErrorMessage(null);
    }
}
