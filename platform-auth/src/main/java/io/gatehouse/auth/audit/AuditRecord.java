package io.gatehouse.auth.audit;

import java.time.OffsetDateTime;

/** One audit entry as readers see it. */
public record AuditRecord(Long id, OffsetDateTime occurredAt, String actor, String actorIp, String action,
                          String tenant, String objectType, String objectId, String detail) {
}
