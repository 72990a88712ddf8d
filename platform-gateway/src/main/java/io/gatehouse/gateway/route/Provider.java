package io.gatehouse.gateway.route;

import io.gatehouse.db.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Stored provider. Targets and (encrypted) headers are JSON text; see {@link ProviderCodec}. */
@Entity
@Table(name = "provider")
class Provider extends BaseEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(name = "targets_json", nullable = false, length = 8000)
    private String targetsJson;

    @Column(name = "connect_timeout_ms", nullable = false)
    private int connectTimeoutMs;

    @Column(name = "response_timeout_ms", nullable = false)
    private int responseTimeoutMs;

    @Column(name = "headers_json", nullable = false, length = 16000)
    private String encryptedHeadersJson;

    protected Provider() {
    }

    Provider(long tenantId, String name) {
        this.tenantId = tenantId;
        this.name = name;
    }

    void configure(String targetsJson, int connectTimeoutMs, int responseTimeoutMs) {
        this.targetsJson = targetsJson;
        this.connectTimeoutMs = connectTimeoutMs;
        this.responseTimeoutMs = responseTimeoutMs;
    }

    void setEncryptedHeadersJson(String encryptedHeadersJson) {
        this.encryptedHeadersJson = encryptedHeadersJson;
    }

    long getTenantId() {
        return tenantId;
    }

    String getName() {
        return name;
    }

    String getTargetsJson() {
        return targetsJson;
    }

    int getConnectTimeoutMs() {
        return connectTimeoutMs;
    }

    int getResponseTimeoutMs() {
        return responseTimeoutMs;
    }

    String getEncryptedHeadersJson() {
        return encryptedHeadersJson;
    }

    @Override
    public String toString() {
        return "Provider[" + name + "]";
    }
}
