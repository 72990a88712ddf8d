package io.gatehouse.auth.access;

/** The web layer's view of the current request: who signed in and from where. */
public interface RequestOrigin {
    /** The signed-in user's name, or null when nobody is signed in or there is no request. */
    String principal();

    /** The client IP, or null when there is no request (start-up, scheduled jobs). */
    String ip();
}
