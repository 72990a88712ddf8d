package io.gatehouse.auth.access;

/**
 * Keeps the caller read from the database for the rest of one servlet request, so a page making many checks reads it
 * once. Never longer: the next request reads it again, which is what makes a role change, a removed membership or a
 * disabled account apply on the next click, also in open console sessions. The memo is kept with the principal name
 * it was read for and is ignored for any other (a request that signs in), and {@link #stop} turns it off for the rest
 * of a request that changes users (it might change the caller's own memberships, or roll back after doing so).
 * Without a bound servlet request (background jobs, Vaadin push over a websocket, tests calling services directly)
 * nothing is kept and every check reads the database, as before.
 */
final class CallerMemo {
    private static final String KEY = CallerMemo.class.getName() + ".caller";
    private static final String OFF = CallerMemo.class.getName() + ".off";

    private CallerMemo() {
    }

    /** The caller kept in this request for {@code principal}, or null. */
    static ResolvedCaller recall(RequestOrigin request, String principal) {
        if (request != null && request.attribute(KEY) instanceof ResolvedCaller kept
                && principal.equals(kept.caller().username())) {
            return kept;
        }
        return null;
    }

    static void keep(RequestOrigin request, ResolvedCaller caller) {
        if (request != null && request.attribute(OFF) == null) {
            request.setAttribute(KEY, caller);
        }
    }

    /** Forgets the kept caller and keeps none for the rest of this request. */
    static void stop(RequestOrigin request) {
        if (request != null) {
            request.setAttribute(OFF, Boolean.TRUE);
            request.setAttribute(KEY, null);
        }
    }
}
