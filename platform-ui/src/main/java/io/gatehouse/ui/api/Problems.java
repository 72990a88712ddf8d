package io.gatehouse.ui.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import io.gatehouse.common.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the contract's problem body: {@code type, title, status, detail, errors:[{field, message}]}. */
final class Problems {
    private Problems() {
    }

    static ProblemDetail of(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A Jackson error location as {@code retry.maxAttempts} or {@code targets[0].url}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            } else if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }
}
