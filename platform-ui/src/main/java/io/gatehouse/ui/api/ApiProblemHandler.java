package io.gatehouse.ui.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every admin API failure as {@code application/problem+json} with an {@code errors} list (possibly empty).
 * Not limited to a package: failures raised before a controller is chosen (unknown path 404, wrong method 405) have
 * no handler, so a package-limited advice never sees them - and being a {@link ResponseEntityExceptionHandler} bean,
 * this class switches off Spring Boot's own problem-details handler.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "Invalid input", "some fields are invalid; see errors", e.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), List.of());
    }

    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), List.of());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        List<FieldProblem> errors = e.field() == null ? List.of() : List.of(new FieldProblem(e.field(), e.getMessage()));
        return Problems.of(HttpStatus.CONFLICT, "Conflict", e.getMessage(), errors);
    }

    @ExceptionHandler({DataIntegrityViolationException.class, OptimisticLockingFailureException.class})
    ProblemDetail concurrentChange(RuntimeException e) {
        return Problems.of(HttpStatus.CONFLICT, "Conflict",
                "the object was changed or created by another request at the same time; reload and try again", List.of());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        LOG.error("admin API failure, incident {}: {}", incident, e.getClass().getName(), e);
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "something went wrong on the server; report incident " + incident, List.of());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(bodyProblem(e));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("errors", List.of());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail bodyProblem(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Invalid input", "unknown field '" + unknown.getPropertyName() + "'",
                    List.of(new FieldProblem(Problems.path(unknown), "unknown field; check the spelling against the API docs")));
        }
        if (cause instanceof InvalidFormatException format) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Invalid input", "a field has the wrong type",
                    List.of(new FieldProblem(Problems.path(format), "expected " + friendly(format.getTargetType()))));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Invalid input", "a field has the wrong type",
                    List.of(new FieldProblem(Problems.path(mismatch), "expected " + friendly(mismatch.getTargetType()))));
        }
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return Problems.of(HttpStatus.BAD_REQUEST, "Invalid input", "a field could not be read",
                    List.of(new FieldProblem(Problems.path(mapping), "invalid value")));
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "Malformed JSON",
                "the request body is missing or is not valid JSON", List.of());
    }

    private static String friendly(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants());
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }
}
