package io.gatehouse.auth.access;

/** The web layer's view of the current request: who signed in, from where, and a place to keep per-request values. */
public interface RequestOrigin {
    /** The signed-in user's name, or null when nobody is signed in or there is no request. */
    String principal();

    /** The client IP, or null when there is no request (start-up, scheduled jobs). */
    String ip();

    /**
     * The current servlet request's attribute {@code name}; null when it has none or when no servlet request is bound
     * to this thread (start-up, background jobs, Vaadin push over a websocket).
     */
    default Object attribute(String name) {
        return null;
    }

    /** Sets (or, with null, removes) an attribute of the current servlet request; without one, does nothing. */
    default void setAttribute(String name, Object value) {
    }
}
