package io.gatehouse.gateway.route;

import io.gatehouse.auth.secret.SecretCipher;
import io.gatehouse.auth.tenant.TenantService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Reads every tenant's providers and routes in one transaction and compiles them into a {@link RouteTable}. */
@Service
class RouteTableLoader {
    private final RouteRepository routes;
    private final ProviderRepository providers;
    private final TenantService tenants;
    private final SecretCipher cipher;

    RouteTableLoader(RouteRepository routes, ProviderRepository providers, TenantService tenants, SecretCipher cipher) {
        this.routes = routes;
        this.providers = providers;
        this.tenants = tenants;
        this.cipher = cipher;
    }

    // REQUIRES_NEW: called from after-commit listeners, where the finished transaction is still bound.
    @Transactional(readOnly = true, propagation = Propagation.REQUIRES_NEW)
    public RouteTable load() {
        Map<Long, String> slugs = tenants.slugsById();
        Map<Long, CompiledProvider> byId = new HashMap<>();
        Map<Long, Map<String, CompiledProvider>> byTenantAndName = new HashMap<>();
        for (Provider provider : providers.findAll()) {
            CompiledProvider compiled = compile(provider);
            byId.put(provider.getId(), compiled);
            byTenantAndName.computeIfAbsent(provider.getTenantId(), t -> new HashMap<>()).put(provider.getName(), compiled);
        }
        List<CompiledRoute> compiled = new ArrayList<>();
        for (Route route : routes.findAll()) {
            String tenant = slugs.get(route.getTenantId());
            CompiledProvider primary = byId.get(route.getProviderId());
            if (tenant == null || primary == null) {
                continue;
            }
            RouteView view = route.toView(primary.name());
            Map<String, CompiledProvider> tenantProviders = byTenantAndName.getOrDefault(route.getTenantId(), Map.of());
            List<CompiledProvider> fallbacks = view.fallbackProviders().stream()
                    .map(tenantProviders::get).filter(p -> p != null).toList();
            compiled.add(new CompiledRoute(tenant, view.name(), view.pathPrefix(), new LinkedHashSet<>(view.methods()),
                    view.stripPrefix(), view.publicAccess(), new LinkedHashSet<>(view.auth()), view.timeoutMs(),
                    view.retry(), primary, fallbacks, view.requireExp(), view.faults()));
        }
        return new RouteTable(compiled);
    }

    private CompiledProvider compile(Provider provider) {
        List<UpstreamTarget> targets = ProviderCodec.targets(provider).stream().map(UpstreamTarget::of).toList();
        return new CompiledProvider(provider.getName(), targets, provider.getConnectTimeoutMs(),
                provider.getResponseTimeoutMs(), ProviderCodec.decryptedHeaders(provider, cipher),
                ProviderCodec.optional(provider.getMockJson(), MockSpec.class),
                ProviderCodec.optional(provider.getHealthCheckJson(), HealthCheckSpec.class));
    }
}
