package io.gatehouse.auth.audit;

import java.time.Instant;

/** One audit entry as readers see it; {@code tenant} is null for platform-level changes (such as users). */
public record AuditRecord(long id, Instant occurredAt, String actor, String actorIp, String action,
                          String tenant, String objectType, String objectId, String detail) {
}
