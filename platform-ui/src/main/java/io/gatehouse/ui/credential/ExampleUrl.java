package io.gatehouse.ui.credential;

import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.gateway.route.RouteView;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Picks the gateway URL a snippet calls: a route the new key may use, ideally one that needs and accepts it. */
final class ExampleUrl {
    static final String PLACEHOLDER_PATH = "/your-route";

    private ExampleUrl() {
    }

    /**
     * @param gatewayBase e.g. {@code http://localhost:8081}
     * @param scope the key's route names, or null for all routes of the tenant
     * @param routes the tenant's routes
     */
    static String of(String gatewayBase, String tenant, CredentialType type, List<String> scope, List<RouteView> routes) {
        List<RouteView> usable = routes.stream()
                .filter(r -> scope == null || scope.isEmpty() || scope.contains(r.name()))
                .sorted(Comparator.comparingInt(r -> scope == null || scope.isEmpty() ? 0 : scope.indexOf(r.name())))
                .toList();
        Optional<RouteView> best = usable.stream()
                .filter(r -> !r.publicAccess() && r.auth().contains(type.name()))
                .findFirst()
                .or(() -> usable.stream().findFirst());
        return gatewayBase + "/" + tenant + best.map(RouteView::pathPrefix).orElse(PLACEHOLDER_PATH);
    }
}
