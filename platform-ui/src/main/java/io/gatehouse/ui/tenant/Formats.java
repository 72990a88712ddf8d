package io.gatehouse.ui.tenant;

import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.gateway.route.RetrySpec;
import io.gatehouse.gateway.route.RouteView;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** How the tenant pages write values in grid cells: short, and the same everywhere. */
final class Formats {
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private Formats() {
    }

    static String timestamp(OffsetDateTime time) {
        return time == null ? "" : TIMESTAMP.format(time.withOffsetSameInstant(ZoneOffset.UTC));
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String targets(ProviderView provider) {
        boolean weighted = provider.targets().stream().anyMatch(t -> t.weight() != 1);
        return provider.targets().stream()
                .map(t -> weighted ? t.url() + " (weight " + t.weight() + ")" : t.url())
                .collect(Collectors.joining(", "));
    }

    static String timeouts(ProviderView provider) {
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
