package io.gatehouse.gateway.log;

import io.gatehouse.common.PageCursor;
import java.time.Instant;

/**
 * Which calls a log query wants - a {@link LogFilter} read with its cursor, or a time window, or one request id - and
 * which blocks can be skipped for it from their headers alone (time span, status classes, {@link ValueFilter}).
 * Text matches as the SQL of the row table did: route, credential and request id exactly, the path piece as a
 * case-sensitive substring.
 */
final class LogMatch {
    private Long fromMicros;
    private Long toMicros;
    private PageCursor after;
    private String route;
    private String credential;
    private StatusFilter status;
    private String requestId;
    private String pathPart;

    private LogMatch() {
    }

    /** Every call. */
    static LogMatch all() {
        return new LogMatch();
    }

    /** The calls of a filter after its cursor; {@code q} is a request id or a path piece, as {@code qIsRequestId}. */
    static LogMatch of(LogFilter filter, PageCursor after, boolean qIsRequestId) {
        LogMatch m = between(filter.from(), filter.to());
        m.after = after;
        m.route = filter.route();
        m.credential = filter.credential();
        m.status = filter.status();
        if (qIsRequestId) {
            m.requestId = filter.q();
        } else {
            m.pathPart = filter.q();
        }
        return m;
    }

    /** Calls in {@code [from, to)}; either may be null (open). */
    static LogMatch between(Instant from, Instant to) {
        LogMatch m = new LogMatch();
        m.fromMicros = from == null ? null : StoredRow.micros(from);
        m.toMicros = to == null ? null : StoredRow.micros(to);
        return m;
    }

    /** The calls with this request id. */
    static LogMatch requestId(String requestId) {
        LogMatch m = new LogMatch();
        m.requestId = requestId;
        return m;
    }

    Long fromMicros() {
        return fromMicros;
    }

    /** The time of the newest call this can match (null: no bound). */
    Long newestPossibleMicros() {
        Long newest = toMicros == null ? null : toMicros - 1;
        if (after != null && (newest == null || after.epochMicros() < newest)) {
            newest = after.epochMicros();
        }
        return newest;
    }

    /** False when the block's header shows none of its calls can match. */
    boolean mayHold(LogBlock block) {
        if (toMicros != null && block.firstMicros() >= toMicros
                || fromMicros != null && block.lastMicros() < fromMicros
                || after != null && block.firstMicros() > after.epochMicros()) {
            return false;
        }
        if (status != null && !block.mayHaveStatusClass(status.statusClass())) {
            return false;
        }
        return (route == null || ValueFilter.mayContain(block.values(), ValueFilter.ROUTE, route))
                && (credential == null || ValueFilter.mayContain(block.values(), ValueFilter.CREDENTIAL, credential))
                && (requestId == null || ValueFilter.mayContain(block.values(), ValueFilter.REQUEST_ID, requestId));
    }

    boolean test(StoredRow r) {
        if (fromMicros != null && r.micros < fromMicros || toMicros != null && r.micros >= toMicros) {
            return false;
        }
        if (after != null && (r.micros > after.epochMicros() || r.micros == after.epochMicros() && r.id() >= after.id())) {
            return false;
        }
        if (status != null && (r.statusClass() != status.statusClass()
                || status.exact() != 0 && r.status != status.exact())) {
            return false;
        }
        return (route == null || route.equals(r.route))
                && (credential == null || credential.equals(r.credentialId))
                && (requestId == null || requestId.equals(r.requestId))
                && (pathPart == null || r.path != null && r.path.contains(pathPart));
    }
}
