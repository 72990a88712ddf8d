package io.gatehouse.ui.api;

import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteSpec;
import io.gatehouse.gateway.route.RouteView;
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
@RequestMapping("/api/v1/tenants/{tenant}/routes")
class RouteController {
    private final RouteService routes;

    RouteController(RouteService routes) {
        this.routes = routes;
    }

    @PostMapping
    ResponseEntity<RouteView> create(@PathVariable String tenant, @RequestBody RouteSpec body) {
        RouteView created = routes.create(tenant, body);
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + tenant + "/routes/" + created.name()))
                .body(created);
    }

    @GetMapping
    List<RouteView> list(@PathVariable String tenant) {
        return routes.list(tenant);
    }

    @GetMapping("/{name}")
    RouteView get(@PathVariable String tenant, @PathVariable String name) {
        return routes.get(tenant, name);
    }

    @PutMapping("/{name}")
    RouteView replace(@PathVariable String tenant, @PathVariable String name, @RequestBody RouteSpec body) {
        return routes.replace(tenant, name, body);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String tenant, @PathVariable String name) {
        routes.delete(tenant, name);
        return ResponseEntity.noContent().build();
    }
}
