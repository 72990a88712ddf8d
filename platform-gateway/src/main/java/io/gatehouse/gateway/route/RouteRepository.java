package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface RouteRepository extends JpaRepository<Route, Long> {
    List<Route> findByTenantIdOrderByNameAsc(long tenantId);

    Optional<Route> findByTenantIdAndName(long tenantId, String name);

    boolean existsByTenantIdAndName(long tenantId, String name);

    List<Route> findByProviderId(long providerId);

    List<Route> findByTenantId(long tenantId);
}
