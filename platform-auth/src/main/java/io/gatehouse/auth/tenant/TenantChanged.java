package io.gatehouse.auth.tenant;

/** Published after a tenant is created, renamed or deleted, so cached snapshots (the route table) can rebuild. */
public record TenantChanged(String slug) {
}
