package io.gatehouse.gateway.route;

import io.gatehouse.auth.audit.AuditTrail;
import io.gatehouse.auth.secret.SecretCipher;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's providers (upstreams). Header values are encrypted at rest and never returned. */
@Service
public class ProviderService {
    private final ProviderRepository providers;
    private final RouteRepository routes;
    private final AccessControl access;
    private final SecretCipher cipher;
    private final UpstreamAddressPolicy addressPolicy;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    ProviderService(ProviderRepository providers, RouteRepository routes, AccessControl access, SecretCipher cipher,
                    UpstreamAddressPolicy addressPolicy, ApplicationEventPublisher events, AuditTrail audit) {
        this.providers = providers;
        this.routes = routes;
        this.access = access;
        this.cipher = cipher;
        this.addressPolicy = addressPolicy;
        this.events = events;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ProviderView> list(String tenant) {
        return providers.findByTenantIdOrderByNameAsc(access.readableTenant(tenant)).stream().map(ProviderService::view).toList();
    }

    @Transactional(readOnly = true)
    public ProviderView get(String tenant, String name) {
        return view(find(access.readableTenant(tenant), name));
    }

    @Transactional
    public ProviderView create(String tenant, ProviderSpec spec) {
        long tenantId = access.manageableTenant(tenant);
        validate(spec);
        if (providers.existsByTenantIdAndName(tenantId, spec.name())) {
            throw new ConflictException("name", "provider '" + spec.name() + "' already exists in tenant " + tenant);
        }
        Provider provider = new Provider(tenantId, spec.name());
        applyTo(provider, spec, spec.headers() == null ? Map.of() : spec.headers());
        providers.saveAndFlush(provider);
        audit.record("provider.create", tenant, "provider", spec.name(), describe(spec));
        events.publishEvent(new RoutingChanged(tenant));
        return view(provider);
    }

    /** Replaces a provider's settings. A {@code null} header map keeps the stored (write-only) headers. */
    @Transactional
    public ProviderView replace(String tenant, String name, ProviderSpec spec) {
        long tenantId = access.manageableTenant(tenant);
        Provider provider = find(tenantId, name);
        if (spec.name() != null && !spec.name().equals(name)) {
            throw new InvalidInputException("name", "the name in the body must match the URL ('" + name + "')");
        }
        ProviderSpec named = spec.named(name);
        validate(named);
        Map<String, String> headers = spec.headers() == null ? ProviderCodec.decryptedHeaders(provider, cipher) : spec.headers();
        ProviderView before = view(provider);
        applyTo(provider, named, headers);
        providers.flush();
        audit.record("provider.update", tenant, "provider", name, "before: " + describe(before) + "; after: "
                + describe(named));
        events.publishEvent(new RoutingChanged(tenant));
        return view(provider);
    }

    @Transactional
    public void delete(String tenant, String name) {
        long tenantId = access.manageableTenant(tenant);
        Provider provider = find(tenantId, name);
        List<String> users = routes.findByTenantId(tenantId).stream()
                .filter(r -> r.getProviderId() == provider.getId() || r.toView(null).fallbackProviders().contains(name))
                .map(Route::getName).toList();
        if (!users.isEmpty()) {
            throw new ConflictException(null, "provider '" + name + "' is used by route(s) " + String.join(", ", users)
                    + "; change or delete those routes first");
        }
        providers.delete(provider);
        providers.flush();
        audit.record("provider.delete", tenant, "provider", name, null);
        events.publishEvent(new RoutingChanged(tenant));
    }

    /** Audit text: targets and header names, never header values. */
    private static String describe(ProviderSpec spec) {
        return describe(spec.type(), spec.targets(), spec.connectTimeoutMs(), spec.responseTimeoutMs(),
                spec.headers() == null ? "unchanged" : spec.headers().keySet(), spec.mock(), spec.healthCheck());
    }

    private static String describe(ProviderView view) {
        return describe(view.type(), view.targets(), view.connectTimeoutMs(), view.responseTimeoutMs(), view.headers(),
                view.mock(), view.healthCheck());
    }

    private static String describe(String type, List<TargetSpec> targets, int connectMs, int responseMs,
                                   Object headerNames, MockSpec mock, HealthCheckSpec healthCheck) {
        return type + (mock == null ? "" : " " + mock) + ", targets " + targets + ", timeouts " + connectMs + "/"
                + responseMs + " ms, headers " + headerNames + (healthCheck == null ? "" : ", " + healthCheck);
    }

    private void validate(ProviderSpec spec) {
        List<FieldProblem> problems = ProviderRules.check(spec, addressPolicy);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private void applyTo(Provider provider, ProviderSpec spec, Map<String, String> headers) {
        provider.configure(ProviderCodec.targetsJson(spec.targets()), spec.connectTimeoutMs(), spec.responseTimeoutMs());
        provider.setKind(spec.type(), ProviderCodec.optionalJson(spec.isMock() ? spec.mock() : null),
                ProviderCodec.optionalJson(spec.isMock() ? null : spec.healthCheck()));
        provider.setEncryptedHeadersJson(ProviderCodec.encryptedHeadersJson(headers, cipher));
    }

    private Provider find(long tenantId, String name) {
        return providers.findByTenantIdAndName(tenantId, name == null ? "" : name)
                .orElseThrow(() -> new NotFoundException("no provider '" + name + "' in this tenant"));
    }

    private static ProviderView view(Provider p) {
        return new ProviderView(p.getName(), p.getKind(), ProviderCodec.targets(p), p.getConnectTimeoutMs(),
                p.getResponseTimeoutMs(), ProviderCodec.headerNames(p),
                ProviderCodec.optional(p.getMockJson(), MockSpec.class),
                ProviderCodec.optional(p.getHealthCheckJson(), HealthCheckSpec.class), p.getCreatedAt(),
                p.getUpdatedAt());
    }
}
