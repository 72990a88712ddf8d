package io.gatehouse.gateway.log;

import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.PageCursor;
import io.gatehouse.common.PageParams;
import java.time.Instant;
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
    public static final int DEFAULT_LIMIT = PageParams.DEFAULT_LIMIT;
    public static final int MAX_LIMIT = PageParams.MAX_LIMIT;
    /** Its cursors are {@link PageCursor}s of this kind. */
    static final String CURSOR_KIND = "log";

    public LogFilter {
        PageParams.check(from, to, limit, cursor, CURSOR_KIND);
        route = PageParams.text(route);
        credential = PageParams.text(credential);
        q = PageParams.text(q);
        cursor = PageParams.text(cursor);
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
        if (PageParams.text(status) != null) {
            statusFilter = StatusFilter.parse(status);
            if (statusFilter == null) {
                problems.add(new FieldProblem("status", "use a status like 502 or a class like 5xx"));
            }
        }
        PageParams.Window window = PageParams.read(from, to, limit, cursor, CURSOR_KIND, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new LogFilter(route, statusFilter, credential, window.from(), window.to(), q, window.limit(), cursor);
    }
}
