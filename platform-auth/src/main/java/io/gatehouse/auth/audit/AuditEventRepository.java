package io.gatehouse.auth.audit;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface AuditEventRepository extends JpaRepository<AuditEvent, Long> {
    List<AuditEvent> findByTenantSlugOrderByOccurredAtDesc(String tenantSlug);

    List<AuditEvent> findAllByOrderByOccurredAtDesc();
}
