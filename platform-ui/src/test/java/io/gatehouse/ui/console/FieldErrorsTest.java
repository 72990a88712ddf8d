package io.gatehouse.ui.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.textfield.TextField;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.ui.base.FieldErrors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {
    private final TextField url = new TextField();
    private final TextField retryOn = new TextField();
    private final Map<String, HasValidation> fields = Map.of("targets[0].url", url, "retry.retryOn", retryOn);
    private final FieldErrors errors = new FieldErrors(fields::get);

    @Test
    void aProblemLandsOnTheFieldNamedByItsPath() {
        List<String> unmatched = errors.show(List.of(new FieldProblem("targets[0].url", "use an http:// URL")));

        assertThat(unmatched).isEmpty();
        assertThat(url.isInvalid()).isTrue();
        assertThat(url.getErrorMessage()).isEqualTo("use an http:// URL");
    }

    @Test
    void aPathWithoutItsOwnFieldFallsBackToItsParent() {
        errors.show(List.of(new FieldProblem("retry.retryOn[2]", "bad condition"),
                new FieldProblem("retry.retryOn[3]", "another")));

        assertThat(retryOn.isInvalid()).isTrue();
        assertThat(retryOn.getErrorMessage()).isEqualTo("bad condition; another");
    }

    @Test
    void problemsWithoutAFieldAreReturnedAsReadableLines() {
        List<String> unmatched = errors.show(List.of(new FieldProblem("targets", "add at least one target")));

        assertThat(unmatched).containsExactly("targets: add at least one target");
    }

    @Test
    void showingAgainClearsTheEarlierProblems() {
        errors.show(List.of(new FieldProblem("targets[0].url", "wrong")));
        errors.show(List.of(new FieldProblem("retry.retryOn", "also wrong")));

        assertThat(url.isInvalid()).isFalse();
        assertThat(retryOn.isInvalid()).isTrue();
    }

    @Test
    void changingTheFieldRemovesItsProblem() {
        errors.show(List.of(new FieldProblem("targets[0].url", "wrong")));

        url.setValue("http://example.com");

        assertThat(url.isInvalid()).isFalse();
    }
}
