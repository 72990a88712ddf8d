package io.gatehouse.auth.audit;

/** Who is making the current change and from where; the web layer supplies it from the signed-in request. */
public interface AuditActorSource {
    String actor();

    /** The client IP, or null when there is no request (start-up, scheduled jobs). */
    String ip();
}
