package io.gatehouse.ui.api;

import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.ProviderView;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tenants/{tenant}/providers")
class ProviderController {
    private final ProviderService providers;

    ProviderController(ProviderService providers) {
        this.providers = providers;
    }

    @PostMapping
    ResponseEntity<ProviderView> create(@PathVariable String tenant, @RequestBody ProviderSpec body) {
        ProviderView created = providers.create(tenant, body);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/providers/" + created.name()))
                .body(created);
    }

    @GetMapping
    List<ProviderView> list(@PathVariable String tenant) {
        return providers.list(tenant);
    }

    @GetMapping("/{name}")
    ProviderView get(@PathVariable String tenant, @PathVariable String name) {
        return providers.get(tenant, name);
    }

    @PutMapping("/{name}")
    ProviderView replace(@PathVariable String tenant, @PathVariable String name, @RequestBody ProviderSpec body) {
        return providers.replace(tenant, name, body);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String name) {
        providers.delete(tenant, name);
        return ResponseEntity.noContent().build();
    }
}
