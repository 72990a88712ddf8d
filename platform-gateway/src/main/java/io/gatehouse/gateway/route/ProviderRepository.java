package io.gatehouse.gateway.route;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface ProviderRepository extends JpaRepository<Provider, Long> {
    List<Provider> findByTenantIdOrderByNameAsc(long tenantId);

    Optional<Provider> findByTenantIdAndName(long tenantId, String name);

    boolean existsByTenantIdAndName(long tenantId, String name);
}
