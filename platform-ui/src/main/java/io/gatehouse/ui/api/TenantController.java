package io.gatehouse.ui.api;

import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {
    private final TenantService tenants;

    TenantController(TenantService tenants) {
        this.tenants = tenants;
    }

    record CreateTenant(String slug, String name) {
    }

    record UpdateTenant(String name) {
    }

    @PostMapping
    ResponseEntity<TenantView> create(@RequestBody CreateTenant body) {
        TenantView created = tenants.create(body.slug(), body.name());
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + created.slug())).body(created);
    }

    @GetMapping
    List<TenantView> list() {
        return tenants.list();
    }

    @GetMapping("/{slug}")
    TenantView get(@PathVariable String slug) {
        return tenants.get(slug);
    }

    @PatchMapping("/{slug}")
    TenantView update(@PathVariable String slug, @RequestBody UpdateTenant body) {
        return tenants.rename(slug, body.name());
    }

    @DeleteMapping("/{slug}")
    ResponseEntity<Void> delete(@PathVariable String slug) {
        tenants.delete(slug);
        return ResponseEntity.noContent().build();
    }
}
