package io.gatehouse.gateway.route;

import io.gatehouse.auth.audit.AuditTrail;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A tenant's routes: which path prefix goes to which provider, with which auth, timeout and retry policy. */
@Service
public class RouteService {
    private final RouteRepository routes;
    private final ProviderRepository providers;
    private final AccessControl access;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    RouteService(RouteRepository routes, ProviderRepository providers, AccessControl access,
                 ApplicationEventPublisher events, AuditTrail audit) {
        this.routes = routes;
        this.providers = providers;
        this.access = access;
        this.events = events;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<RouteView> list(String tenant) {
        long tenantId = access.readableTenant(tenant);
        Map<Long, String> providerNames = providerNamesById(tenantId);
        return routes.findByTenantIdOrderByNameAsc(tenantId).stream()
                .map(r -> r.toView(providerNames.get(r.getProviderId()))).toList();
    }

    @Transactional(readOnly = true)
    public RouteView get(String tenant, String name) {
        long tenantId = access.readableTenant(tenant);
        Route route = find(tenantId, name);
        return route.toView(providerNamesById(tenantId).get(route.getProviderId()));
    }

    @Transactional
    public RouteView create(String tenant, RouteSpec spec) {
        long tenantId = access.manageableTenant(tenant);
        RouteSpec normal = RouteRules.normalise(spec);
        long providerId = validate(tenantId, normal);
        if (routes.existsByTenantIdAndName(tenantId, normal.name())) {
            throw new ConflictException("name", "route '" + normal.name() + "' already exists in tenant " + tenant);
        }
        Route route = new Route(tenantId, normal.name());
        route.apply(normal, providerId);
        routes.saveAndFlush(route);
        audit.record("route.create", tenant, "route", normal.name(), normal.toString());
        events.publishEvent(new RoutingChanged(tenant));
        return route.toView(normal.provider());
    }

    @Transactional
    public RouteView replace(String tenant, String name, RouteSpec spec) {
        long tenantId = access.manageableTenant(tenant);
        Route route = find(tenantId, name);
        if (spec.name() != null && !spec.name().equals(name)) {
            throw new InvalidInputException("name", "the name in the body must match the URL ('" + name + "')");
        }
        RouteSpec normal = RouteRules.normalise(spec.with(name, spec.pathPrefix(), spec.methods(), spec.auth()));
        long providerId = validate(tenantId, normal);
        RouteView before = route.toView(providerNamesById(tenantId).get(route.getProviderId()));
        route.apply(normal, providerId);
        routes.flush();
        audit.record("route.update", tenant, "route", name, "before: " + before + "; after: " + normal);
        events.publishEvent(new RoutingChanged(tenant));
        return route.toView(normal.provider());
    }

    @Transactional
    public void delete(String tenant, String name) {
        long tenantId = access.manageableTenant(tenant);
        routes.delete(find(tenantId, name));
        routes.flush();
        audit.record("route.delete", tenant, "route", name, null);
        events.publishEvent(new RoutingChanged(tenant));
    }

    /** Validates the spec against this tenant's providers and returns the primary provider's id. */
    private long validate(long tenantId, RouteSpec spec) {
        List<FieldProblem> problems = new ArrayList<>(RouteRules.check(spec));
        Map<String, Long> providerIds = providers.findByTenantIdOrderByNameAsc(tenantId).stream()
                .collect(Collectors.toMap(Provider::getName, Provider::getId));
        if (spec.provider() != null && !spec.provider().isBlank() && !providerIds.containsKey(spec.provider())) {
            problems.add(new FieldProblem("provider", "no provider '" + spec.provider() + "' in this tenant; create it first"));
        }
        for (int i = 0; i < spec.fallbackProviders().size(); i++) {
            String fallback = spec.fallbackProviders().get(i);
            if (!providerIds.containsKey(fallback)) {
                problems.add(new FieldProblem("fallbackProviders[" + i + "]", "no provider '" + fallback + "' in this tenant"));
            } else if (fallback.equals(spec.provider())) {
                problems.add(new FieldProblem("fallbackProviders[" + i + "]", "the primary provider cannot be its own fallback"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return providerIds.get(spec.provider());
    }

    private Route find(long tenantId, String name) {
        return routes.findByTenantIdAndName(tenantId, name == null ? "" : name)
                .orElseThrow(() -> new NotFoundException("no route '" + name + "' in this tenant"));
    }

    private Map<Long, String> providerNamesById(long tenantId) {
        return providers.findByTenantIdOrderByNameAsc(tenantId).stream()
                .collect(Collectors.toMap(Provider::getId, Provider::getName, (a, b) -> a));
    }

}
