package io.gatehouse.auth.user;

import io.gatehouse.db.BaseEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@Entity
@Table(name = "console_user")
class ConsoleUser extends BaseEntity {

    @Column(nullable = false, unique = true, length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 100)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ConsoleRole role;

    @Column(nullable = false)
    private boolean enabled = true;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "console_user_tenant", joinColumns = @JoinColumn(name = "user_id"))
    @Column(name = "tenant_id")
    private Set<Long> tenantIds = new HashSet<>();

    protected ConsoleUser() {
    }

    ConsoleUser(String username, String passwordHash, ConsoleRole role) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
    }

    String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    ConsoleRole getRole() {
        return role;
    }

    boolean isEnabled() {
        return enabled;
    }

    Set<Long> getTenantIds() {
        return tenantIds;
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
    }

    void changeRole(ConsoleRole newRole) {
        this.role = newRole;
    }

    void replaceTenants(Set<Long> ids) {
        tenantIds.clear();
        tenantIds.addAll(ids);
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    UserView toView(java.util.Map<Long, String> slugs, java.util.function.LongPredicate shown) {
        List<String> tenants = tenantIds.stream().filter(shown::test).map(slugs::get)
                .filter(java.util.Objects::nonNull).sorted().toList();
        return new UserView(username, role, tenants, enabled, getCreatedAt(), getUpdatedAt());
    }

    @Override
    public String toString() {
        return "ConsoleUser[" + username + ", " + role + "]";
    }
}
