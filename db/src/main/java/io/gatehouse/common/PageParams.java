package io.gatehouse.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The query parameters every paged list shares - {@code from}, {@code to}, {@code limit}, {@code cursor} - read from
 * raw request text with each bad one reported as a {@link FieldProblem}, so a filter can throw them all at once.
 */
public final class PageParams {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private PageParams() {
    }

    /** The stripped text, or null when it is null or blank. */
    public static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The page parts of a request, read from text: from (inclusive), to (exclusive), page size. */
    public record Window(Instant from, Instant to, int limit) {
    }

    /**
     * Reads {@code from}, {@code to} and {@code limit} and checks them with {@code cursor} (see {@link #problems});
     * adds every problem to {@code problems}.
     */
    public static Window read(String from, String to, String limit, String cursor, String cursorKind,
                              List<FieldProblem> problems) {
        Window window = new Window(time("from", from, problems), time("to", to, problems), limit(limit, problems));
        problems.addAll(problems(window.from(), window.to(), window.limit(), cursor, cursorKind));
        return window;
    }

    /** Throws the problems of a page request (see {@link #problems}) as one {@link InvalidInputException}. */
    public static void check(Instant from, Instant to, int limit, String cursor, String cursorKind) {
        List<FieldProblem> problems = problems(from, to, limit, cursor, cursorKind);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** An ISO-8601 time with offset, or null when blank; a problem on {@code field} when it is not one. */
    public static Instant time(String field, String text, List<FieldProblem> problems) {
        if (text(text) == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "use an ISO-8601 time with offset, like 2026-11-26T07:00:00Z"));
            return null;
        }
    }

    /** The page size, {@value #DEFAULT_LIMIT} when blank (or not a number, which is a problem). */
    public static int limit(String text, List<FieldProblem> problems) {
        if (text(text) == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            return DEFAULT_LIMIT;
        }
    }

    /**
     * What is wrong with a page request: a limit outside 1..{@value #MAX_LIMIT}, {@code to} not after {@code from},
     * or a cursor this server did not make for a list of {@code cursorKind} (see {@link PageCursor}).
     */
    public static List<FieldProblem> problems(Instant from, Instant to, int limit, String cursor, String cursorKind) {
        List<FieldProblem> problems = new ArrayList<>();
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add(new FieldProblem("limit", "must be from 1 to " + MAX_LIMIT + "; page with nextCursor for more"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(new FieldProblem("to", "must be after 'from'"));
        }
        if (text(cursor) != null && PageCursor.decode(cursor, cursorKind) == null) {
            problems.add(new FieldProblem("cursor", "not a cursor from this API; use the nextCursor of the previous page,"
                    + " or leave it out for the newest rows"));
        }
        return problems;
    }
}
