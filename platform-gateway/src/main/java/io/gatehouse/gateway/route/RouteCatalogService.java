package io.gatehouse.gateway.route;

import io.gatehouse.auth.credential.RouteCatalog;
import io.gatehouse.auth.tenant.TenantService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Answers the credential service's "does this route exist in this tenant?" when a key is scoped to routes. */
@Service
class RouteCatalogService implements RouteCatalog {
    private final RouteRepository routes;
    private final TenantService tenants;

    RouteCatalogService(RouteRepository routes, TenantService tenants) {
        this.routes = routes;
        this.tenants = tenants;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(String tenant, String routeName) {
        return routes.existsByTenantIdAndName(tenants.idOf(tenant), routeName);
    }
}
