package io.gatehouse.gateway.route;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Immutable snapshot of every tenant's routes, longest prefix first. Rebuilt whole on any change and swapped
 * atomically, so a request always sees one consistent configuration and never queries the database.
 */
public final class RouteTable {
    public static final RouteTable EMPTY = new RouteTable(List.of());

    private final Map<String, List<CompiledRoute>> byTenant;
    private final List<CompiledRoute> all;
    private final int size;

    public RouteTable(List<CompiledRoute> routes) {
        Map<String, List<CompiledRoute>> grouped = new HashMap<>();
        for (CompiledRoute route : routes) {
            grouped.computeIfAbsent(route.tenant(), t -> new ArrayList<>()).add(route);
        }
        grouped.replaceAll((tenant, list) -> list.stream()
                .sorted(Comparator.comparingInt((CompiledRoute r) -> r.pathPrefix().length()).reversed()
                        .thenComparing(CompiledRoute::name))
                .toList());
        this.byTenant = Map.copyOf(grouped);
        this.all = List.copyOf(routes);
        this.size = routes.size();
    }

    /** Every tenant's compiled routes, in no particular order (for background work such as health checks). */
    public List<CompiledRoute> routes() {
        return all;
    }

    /**
     * Finds the route for a request.
     *
     * @param path the raw path after the tenant slug ({@code /echo/x}); empty means {@code /}
     */
    public RouteMatch match(String tenant, String path, String method) {
        List<CompiledRoute> routes = byTenant.get(tenant);
        if (routes == null) {
            return new RouteMatch.NotFound();
        }
        String effective = path.isEmpty() ? "/" : path;
        int matchedLength = -1;
        TreeSet<String> allowed = new TreeSet<>();
        CompiledRoute firstMatched = null;
        for (CompiledRoute route : routes) {
            if (!route.covers(effective)) {
                continue;
            }
            if (route.allows(method)) {
                return new RouteMatch.Found(route, rest(route, effective));
            }
            if (matchedLength < 0) {
                matchedLength = route.pathPrefix().length();
                firstMatched = route;
            }
            allowed.addAll(route.methods());
        }
        return firstMatched == null ? new RouteMatch.NotFound() : new RouteMatch.MethodNotAllowed(firstMatched, allowed);
    }

    public int size() {
        return size;
    }

    private static String rest(CompiledRoute route, String path) {
        if (route.pathPrefix().equals("/")) {
            return path;
        }
        return path.substring(route.pathPrefix().length());
    }
}
