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

    @Column(nullable = false, length = 10)
    private String kind = ProviderSpec.HTTP;

    @Column(name = "mock_json", length = 80000)
    private String mockJson;

    @Column(name = "health_check_json", length = 2000)
    private String healthCheckJson;

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

    void setKind(String kind, String mockJson, String healthCheckJson) {
        this.kind = kind;
        this.mockJson = mockJson;
        this.healthCheckJson = healthCheckJson;
    }

    String getKind() {
        return kind;
    }

    String getMockJson() {
        return mockJson;
    }

    String getHealthCheckJson() {
        return healthCheckJson;
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
