package io.gatehouse.auth.tenant;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.access.Caller;
import io.gatehouse.auth.audit.AuditTrail;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates, reads, renames and deletes tenants. Deleting a tenant deletes everything it owns. */
@Service
public class TenantService {
    private final TenantRepository tenants;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final AccessControl access;

    TenantService(TenantRepository tenants, ApplicationEventPublisher events, AuditTrail audit, AccessControl access) {
        this.tenants = tenants;
        this.events = events;
        this.audit = audit;
        this.access = access;
    }

    /** The tenants the caller may see: all for platform admins, their own for everyone else. */
    @Transactional(readOnly = true)
    public List<TenantView> list() {
        Caller caller = access.caller();
        return tenants.findAllByOrderBySlugAsc().stream().filter(t -> caller.canRead(t.getId()))
                .map(Tenant::toView).toList();
    }

    @Transactional(readOnly = true)
    public TenantView get(String slug) {
        access.readableTenant(slug);
        return find(slug).toView();
    }

    /** The database id of a tenant, for modules that store rows owned by it. Checks no access: callers do. */
    @Transactional(readOnly = true)
    public long idOf(String slug) {
        return find(slug).getId();
    }

    /** Every tenant's slug by database id, for snapshot builders. */
    @Transactional(readOnly = true)
    public Map<Long, String> slugsById() {
        Map<Long, String> slugs = new HashMap<>();
        tenants.findAll().forEach(t -> slugs.put(t.getId(), t.getSlug()));
        return slugs;
    }

    @Transactional
    public TenantView create(String slug, String name) {
        access.requirePlatformAdmin("create tenants");
        List<FieldProblem> problems = TenantRules.check(slug, name);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        if (tenants.existsBySlug(slug)) {
            throw new ConflictException("slug", "a tenant with slug '" + slug + "' already exists");
        }
        Tenant tenant = tenants.saveAndFlush(new Tenant(slug, name.strip()));
        audit.record("tenant.create", slug, "tenant", slug, "name '" + tenant.getName() + "'");
        events.publishEvent(new TenantChanged(slug));
        return tenant.toView();
    }

    @Transactional
    public TenantView rename(String slug, String name) {
        access.manageableTenant(slug);
        Tenant tenant = find(slug);
        String problem = TenantRules.nameProblem(name);
        if (problem != null) {
            throw new InvalidInputException("name", problem);
        }
        String before = tenant.getName();
        tenant.rename(name.strip());
        tenants.flush();
        audit.record("tenant.rename", slug, "tenant", slug, "name '" + before + "' -> '" + tenant.getName() + "'");
        events.publishEvent(new TenantChanged(slug));
        return tenant.toView();
    }

    @Transactional
    public void delete(String slug) {
        access.readableTenant(slug);
        access.requirePlatformAdmin("delete tenants");
        Tenant tenant = find(slug);
        tenants.delete(tenant);
        tenants.flush();
        audit.record("tenant.delete", slug, "tenant", slug, "with its providers, routes and keys");
        events.publishEvent(new TenantChanged(slug));
    }

    private Tenant find(String slug) {
        return tenants.findBySlug(slug == null ? "" : slug)
                .orElseThrow(() -> AccessControl.noSuchTenant(slug));
    }
}
