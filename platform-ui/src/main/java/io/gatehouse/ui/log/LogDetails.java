package io.gatehouse.ui.log;

import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.explain.CallSettings;
import io.gatehouse.gateway.explain.TargetDiagnosis;
import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.stereotype.Component;

/** Opens the detail dialog of a log entry, with the route and provider settings in force now for its explanation. */
@Component
class LogDetails {
    static final Duration DIAGNOSE_TIMEOUT = Duration.ofSeconds(3);

    private final RouteService routes;
    private final ProviderService providers;
    private final TargetDiagnosis diagnosis;

    LogDetails(RouteService routes, ProviderService providers, UpstreamAddressPolicy policy) {
        this.routes = routes;
        this.providers = providers;
        this.diagnosis = new TargetDiagnosis(policy, DIAGNOSE_TIMEOUT);
    }

    /** {@code tenant}: the slug whose settings explain the call (on the page across tenants, the entry's own). */
    void open(String tenant, LogEntry entry, ZoneId zone) {
        Attempt target = LogDetailDialog.diagnosable(entry);
        ProviderView provider = target == null ? null : provider(tenant, target.provider());
        RouteView route = route(tenant, entry.route());
        CallSettings settings = new CallSettings(provider == null ? null : provider.connectTimeoutMs(),
                provider == null ? null : provider.responseTimeoutMs(), route == null ? null : route.timeoutMs(),
                route == null ? null : route.retry().maxAttempts(), route == null ? null : route.retry().retryOn(),
                provider == null || provider.healthCheck() == null ? null : provider.healthCheck().path());
        new LogDetailDialog(entry, zone, settings, diagnosis).open();
    }

    private ProviderView provider(String tenant, String name) {
        try {
            return name == null || tenant == null ? null : providers.get(tenant, name);
        } catch (NotFoundException e) {
            return null;
        }
    }

    private RouteView route(String tenant, String name) {
        try {
            return name == null || tenant == null ? null : routes.get(tenant, name);
        } catch (NotFoundException e) {
            return null;
        }
    }
}
