package io.gatehouse.auth.credential;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface CredentialRepository extends JpaRepository<Credential, Long> {
    List<Credential> findByTenantIdOrderByCreatedAtDesc(long tenantId);

    Optional<Credential> findByTenantIdAndPublicId(long tenantId, String publicId);

    Optional<Credential> findByPublicId(String publicId);
}
