package io.gatehouse.ui.tenant;

import io.gatehouse.gateway.route.FaultSpec;
import io.gatehouse.gateway.route.MockSpec;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.gateway.route.RetrySpec;
import io.gatehouse.gateway.route.RouteView;
import java.util.List;
import java.util.stream.Collectors;

/** How the tenant pages write values in grid cells: short, and the same everywhere. */
final class Formats {
    private Formats() {
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String targets(ProviderView provider) {
        if (ProviderSpec.MOCK.equals(provider.type())) {
            return mock(provider.mock());
        }
        boolean weighted = provider.targets().stream().anyMatch(t -> t.weight() != 1);
        return provider.targets().stream()
                .map(t -> weighted ? t.url() + " (weight " + t.weight() + ")" : t.url())
                .collect(Collectors.joining(", "));
    }

    /** e.g. {@code mock: 200 application/json after 50 ms; faults: errors 30% (503)}. */
    static String mock(MockSpec mock) {
        MockSpec m = mock == null ? MockSpec.DEFAULT : mock;
        String answer = "mock: " + m.status() + " " + m.contentType()
                + (m.latencyMs() > 0 ? " after " + m.latencyMs() + " ms" : "");
        return m.faults().active() ? answer + "; faults: " + faults(m.faults()) : answer;
    }

    /** e.g. {@code errors 30% (503), resets 5%, delays 10% x 1000 ms}, or {@code off}. */
    static String faults(FaultSpec faults) {
        if (faults == null || !faults.active()) {
            return "off";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (faults.errorPercent() > 0) {
            parts.add("errors " + faults.errorPercent() + "% (" + faults.errorStatus() + ")");
        }
        if (faults.resetPercent() > 0) {
            parts.add("resets " + faults.resetPercent() + "%");
        }
        if (faults.delayPercent() > 0) {
            parts.add("delays " + faults.delayPercent() + "% x " + faults.delayMs() + " ms");
        }
        return String.join(", ", parts);
    }

    static String timeouts(ProviderView provider) {
        if (ProviderSpec.MOCK.equals(provider.type())) {
            return "-";
        }
        return "connect " + provider.connectTimeoutMs() + " ms, response " + provider.responseTimeoutMs() + " ms";
    }

    static String list(List<String> values, String whenEmpty) {
        return values.isEmpty() ? whenEmpty : String.join(", ", values);
    }

    static String provider(RouteView route) {
        return route.fallbackProviders().isEmpty() ? route.provider()
                : route.provider() + " (fallback " + String.join(", ", route.fallbackProviders()) + ")";
    }

    static String auth(RouteView route) {
        if (route.publicAccess()) {
            return "none (public)";
        }
        String schemes = String.join(", ", route.auth());
        return route.requireExp() && route.auth().contains("JWT") ? schemes + " (JWT exp required)" : schemes;
    }

    static String retry(RetrySpec retry) {
        if (retry.maxAttempts() <= 1) {
            return "no retry";
        }
        return retry.maxAttempts() + " attempts on " + String.join(", ", retry.retryOn()) + "; backoff "
                + retry.initialBackoffMs() + "-" + retry.maxBackoffMs() + " ms"
                + (retry.retryNonIdempotent() ? "; also POST/PATCH" : "");
    }
}
