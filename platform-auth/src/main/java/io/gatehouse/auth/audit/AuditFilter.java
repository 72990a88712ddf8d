package io.gatehouse.auth.audit;

import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.PageParams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What to look for in the audit trail. Every part is optional (null = any).
 *
 * @param tenant     a tenant slug (exact; entries of deleted tenants keep theirs)
 * @param actor      the user who made the change (exact), or {@code system}
 * @param action     exact ({@code provider.update}), or a prefix when it ends with a dot ({@code provider.})
 * @param objectType exact, such as {@code tenant}, {@code provider}, {@code route}, {@code credential}
 * @param from       inclusive; {@code to} exclusive
 * @param limit      page size, 1..{@value PageParams#MAX_LIMIT}
 * @param cursor     the {@code nextCursor} of the previous page, or null for the newest entries
 */
public record AuditFilter(String tenant, String actor, String action, String objectType, Instant from, Instant to,
                          int limit, String cursor) {
    /** Its cursors are {@link io.gatehouse.common.PageCursor}s of this kind (a log cursor is refused). */
    static final String CURSOR_KIND = "audit";

    public AuditFilter {
        PageParams.check(from, to, limit, cursor, CURSOR_KIND);
        tenant = PageParams.text(tenant);
        actor = PageParams.text(actor);
        action = PageParams.text(action);
        objectType = PageParams.text(objectType);
        cursor = PageParams.text(cursor);
    }

    /** No filter, the newest {@value PageParams#DEFAULT_LIMIT} entries. */
    public static AuditFilter newest() {
        return new AuditFilter(null, null, null, null, null, null, PageParams.DEFAULT_LIMIT, null);
    }

    /** The same filter for the next page. */
    public AuditFilter withCursor(String nextCursor) {
        return new AuditFilter(tenant, actor, action, objectType, from, to, limit, nextCursor);
    }

    /** Whether {@code action} is a prefix ({@code provider.}) rather than one action. */
    public boolean actionIsPrefix() {
        return action != null && action.endsWith(".");
    }

    /**
     * Reads the query parameters of the audit API (any may be null or blank); every bad one is reported as a field
     * problem in one {@link InvalidInputException}.
     */
    public static AuditFilter parse(String tenant, String actor, String action, String type, String from, String to,
                                    String limit, String cursor) {
        List<FieldProblem> problems = new ArrayList<>();
        PageParams.Window window = PageParams.read(from, to, limit, cursor, CURSOR_KIND, problems);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new AuditFilter(tenant, actor, action, type, window.from(), window.to(), window.limit(), cursor);
    }
}
