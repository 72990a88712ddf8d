package io.gatehouse.auth.tenant;

import io.gatehouse.db.BaseEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

@Entity
@Table(name = "tenant")
class Tenant extends BaseEntity {

    @Column(nullable = false, unique = true, length = 63)
    private String slug;

    @Column(nullable = false, length = 200)
    private String name;

    protected Tenant() {
    }

    Tenant(String slug, String name) {
        this.slug = slug;
        this.name = name;
    }

    String getSlug() {
        return slug;
    }

    String getName() {
        return name;
    }

    void rename(String name) {
        this.name = name;
    }

    TenantView toView() {
        return new TenantView(slug, name, getCreatedAt(), getUpdatedAt());
    }
}
