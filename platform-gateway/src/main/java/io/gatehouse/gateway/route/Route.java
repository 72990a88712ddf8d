package io.gatehouse.gateway.route;

import io.gatehouse.db.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Stored route. List-valued fields are comma-separated text (see {@link Csv}). */
@Entity
@Table(name = "route")
class Route extends BaseEntity {

    @Column(name = "tenant_id", nullable = false, updatable = false)
    private long tenantId;

    @Column(nullable = false, length = 63)
    private String name;

    @Column(name = "path_prefix", nullable = false, length = 500)
    private String pathPrefix;

    @Column(nullable = false, length = 200)
    private String methods;

    @Column(name = "provider_id", nullable = false)
    private long providerId;

    @Column(name = "fallback_providers", nullable = false, length = 1000)
    private String fallbackProviders;

    @Column(name = "strip_prefix", nullable = false)
    private boolean stripPrefix;

    @Column(name = "public_access", nullable = false)
    private boolean publicAccess;

    @Column(name = "auth_schemes", nullable = false, length = 100)
    private String authSchemes;

    @Column(name = "require_exp", nullable = false)
    private boolean requireExp;

    @Column(name = "timeout_ms", nullable = false)
    private int timeoutMs;

    @Column(name = "retry_max_attempts", nullable = false)
    private int retryMaxAttempts;

    @Column(name = "retry_initial_backoff_ms", nullable = false)
    private int retryInitialBackoffMs;

    @Column(name = "retry_max_backoff_ms", nullable = false)
    private int retryMaxBackoffMs;

    @Column(name = "retry_on", nullable = false, length = 500)
    private String retryOn;

    @Column(name = "retry_non_idempotent", nullable = false)
    private boolean retryNonIdempotent;

    @Column(name = "faults_json", length = 1000)
    private String faultsJson;

    protected Route() {
    }

    Route(long tenantId, String name) {
        this.tenantId = tenantId;
        this.name = name;
    }

    /** Copies every field of a validated spec; the provider is given by id, resolved by the service. */
    void apply(RouteSpec spec, long providerId) {
        this.pathPrefix = spec.pathPrefix();
        this.methods = Csv.join(spec.methods());
        this.providerId = providerId;
        this.fallbackProviders = Csv.join(spec.fallbackProviders());
        this.stripPrefix = spec.stripPrefix();
        this.publicAccess = spec.publicAccess();
        this.authSchemes = Csv.join(spec.auth());
        this.timeoutMs = spec.timeoutMs();
        this.requireExp = spec.requireExp();
        RetrySpec retry = spec.retry();
        this.retryMaxAttempts = retry.maxAttempts();
        this.retryInitialBackoffMs = retry.initialBackoffMs();
        this.retryMaxBackoffMs = retry.maxBackoffMs();
        this.retryOn = Csv.join(retry.retryOn());
        this.retryNonIdempotent = retry.retryNonIdempotent();
        this.faultsJson = spec.faults().active() ? ProviderCodec.optionalJson(spec.faults()) : null;
    }

    RouteView toView(String providerName) {
        return new RouteView(name, pathPrefix, Csv.split(methods), providerName, Csv.split(fallbackProviders),
                stripPrefix, publicAccess, Csv.split(authSchemes), timeoutMs,
                new RetrySpec(retryMaxAttempts, retryInitialBackoffMs, retryMaxBackoffMs, Csv.split(retryOn),
                        retryNonIdempotent),
                requireExp, faultsJson == null ? FaultSpec.NONE : ProviderCodec.optional(faultsJson, FaultSpec.class),
                getCreatedAt(), getUpdatedAt());
    }

    long getTenantId() {
        return tenantId;
    }

    String getName() {
        return name;
    }

    long getProviderId() {
        return providerId;
    }
}
