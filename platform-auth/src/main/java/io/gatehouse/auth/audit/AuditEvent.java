package io.gatehouse.auth.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

@Entity
@Table(name = "audit_event")
class AuditEvent {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private OffsetDateTime occurredAt;

    @Column(nullable = false, updatable = false, length = 100)
    private String actor;

    @Column(name = "actor_ip", updatable = false, length = 64)
    private String actorIp;

    @Column(nullable = false, updatable = false, length = 50)
    private String action;

    @Column(name = "tenant_slug", updatable = false, length = 63)
    private String tenantSlug;

    @Column(name = "object_type", nullable = false, updatable = false, length = 30)
    private String objectType;

    @Column(name = "object_id", updatable = false, length = 100)
    private String objectId;

    @Column(updatable = false, length = 4000)
    private String detail;

    protected AuditEvent() {
    }

    AuditEvent(OffsetDateTime occurredAt, String actor, String actorIp, String action, String tenantSlug,
               String objectType, String objectId, String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.actorIp = actorIp;
        this.action = action;
        this.tenantSlug = tenantSlug;
        this.objectType = objectType;
        this.objectId = objectId;
        this.detail = detail;
    }
}
