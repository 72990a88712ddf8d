package io.gatehouse.auth.access;

import java.util.Map;
import java.util.Set;

/** A caller as read from the database, with the slugs of its tenants (so slug checks need no further query). */
record ResolvedCaller(Caller caller, Map<String, Long> tenantIdsBySlug) {
    static final ResolvedCaller SYSTEM = new ResolvedCaller(Caller.system(), Map.of());

    ResolvedCaller {
        tenantIdsBySlug = Map.copyOf(tenantIdsBySlug);
    }

    /** The id of one of the caller's own tenants, or null when the slug names none of them. */
    Long memberTenant(String slug) {
        return slug == null ? null : tenantIdsBySlug.get(slug);
    }

    Set<String> tenantSlugs() {
        return tenantIdsBySlug.keySet();
    }
}
