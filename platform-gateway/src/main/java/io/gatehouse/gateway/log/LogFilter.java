package io.gatehouse.gateway.log;

import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What to look for in a tenant's request log. Every part is optional (null = any).
 *
 * @param status exact ({@code 502}) or class ({@code 5xx})
 * @param q      a request id (exact) - or, when the tenant has no call with that id, a piece of the path (contains)
 * @param from   inclusive; {@code to} exclusive
 * @param limit  page size, 1..{@value #MAX_LIMIT}
 * @param cursor the {@code nextCursor} of the previous page, or null for the newest rows
 */
public record LogFilter(String route, StatusFilter status, String credential, Instant from, Instant to, String q,
                        int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public LogFilter {
        List<FieldProblem> problems = problems(from, to, limit, cursor);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        route = blankToNull(route);
        credential = blankToNull(credential);
        q = blankToNull(q);
        cursor = blankToNull(cursor);
    }

    /** No filter, the newest {@value #DEFAULT_LIMIT} rows. */
    public static LogFilter newest() {
        return new LogFilter(null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    /** The same filter for the next page. */
    public LogFilter withCursor(String nextCursor) {
        return new LogFilter(route, status, credential, from, to, q, limit, nextCursor);
    }

    public LogFilter withLimit(int newLimit) {
        return new LogFilter(route, status, credential, from, to, q, newLimit, cursor);
    }

    /**
     * Reads the query parameters of the logs API (any may be null or blank); every bad one is reported as a field
     * problem in one {@link InvalidInputException}.
     */
    public static LogFilter parse(String route, String status, String credential, String from, String to, String q,
                                  String limit, String cursor) {
        List<FieldProblem> problems = new ArrayList<>();
        StatusFilter statusFilter = null;
        if (blankToNull(status) != null) {
            statusFilter = StatusFilter.parse(status);
            if (statusFilter == null) {
                problems.add(new FieldProblem("status", "use a status like 502 or a class like 5xx"));
            }
        }
        Instant fromTime = time("from", from, problems);
        Instant toTime = time("to", to, problems);
        int pageSize = DEFAULT_LIMIT;
        if (blankToNull(limit) != null) {
            try {
                pageSize = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
                pageSize = DEFAULT_LIMIT;
            }
        }
        if (problems.isEmpty()) {
            return new LogFilter(route, statusFilter, credential, fromTime, toTime, q, pageSize, cursor);
        }
        problems.addAll(problems(fromTime, toTime, pageSize, cursor));
        throw new InvalidInputException(problems);
    }

    private static List<FieldProblem> problems(Instant from, Instant to, int limit, String cursor) {
        List<FieldProblem> problems = new ArrayList<>();
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be from 1 to " + MAX_LIMIT + "; page with nextCursor for more"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new FieldProblem("to", "must be after 'from'"));
        }
        if (blankToNull(cursor) != null && LogCursor.decode(cursor) == null) {
            problems.add(new FieldProblem("cursor", "not a cursor from this API; use the nextCursor of the previous page,"
                    + " or leave it out for the newest rows"));
        }
        return problems;
    }

    private static Instant time(String field, String text, List<FieldProblem> problems) {
        if (blankToNull(text) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "use an ISO-8601 time with offset, like 2026-11-26T07:00:00Z"));
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
