package io.gatehouse.auth.audit;

import org.springframework.data.repository.Repository;

/**
 * Append-only by its shape: a plain {@link Repository} that declares {@code save} and nothing else, so no find,
 * update or delete method exists to call. Reads go through {@link AuditLog} (SQL, newest-first pages).
 */
interface AuditEventRepository extends Repository<AuditEvent, Long> {
    AuditEvent save(AuditEvent event);
}
