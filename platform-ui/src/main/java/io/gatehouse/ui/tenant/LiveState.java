package io.gatehouse.ui.tenant;

import io.gatehouse.gateway.health.TargetState;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.gateway.route.TargetSpec;
import io.gatehouse.gateway.route.UpstreamTarget;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * How the console words a provider's live health: the origin the gateway keys a target by, a target's state, the
 * circuit state, each with the Lumo badge theme that colours it. Pure functions, tested without Vaadin.
 */
final class LiveState {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** A short text and the Lumo badge theme to show it with. */
    record Badge(String text, String theme) {
    }

    private LiveState() {
    }

    /** The origins the gateway keeps health under, in target order: {@code scheme://host:port}, or {@code mock://name}. */
    static List<String> origins(ProviderView provider) {
        if (ProviderSpec.MOCK.equals(provider.type())) {
            return List.of(UpstreamTarget.mockOrigin(provider.name()));
        }
        return provider.targets().stream().map(TargetSpec::url).map(LiveState::origin).toList();
    }

    /** {@code scheme://host:port} with default ports filled in and IPv6 hosts bracketed; the URL itself if unparsable. */
    static String origin(String url) {
        return UpstreamTarget.originOf(url);
    }

    /**
     * "healthy", "healthy (2 failures in a row)", "DOWN by health check - check: 503 in 2 ms" or "ejected until
     * 14:03:12 UTC (5 failures, ejected 1 time)".
     */
    static Badge target(TargetState state, ZoneId zone) {
        int failures = state.consecutiveFailures();
        if (state.ejected()) {
            Instant until = state.ejectedUntil();
            String when = until == null ? "" : " until " + TIME.format(until.atZone(zone)) + " " + zoneLabel(zone);
            return new Badge("ejected" + when + " (" + Formats.count(failures, "failure") + ", ejected "
                    + Formats.count(state.timesEjected(), "time") + ")", "badge error");
        }
        if ("DOWN".equals(state.activeCheck())) {
            return new Badge("DOWN by health check" + checkDetail(state), "badge error");
        }
        if (failures > 0) {
            return new Badge("healthy (" + Formats.count(failures, "failure") + " in a row)" + checkDetail(state),
                    "badge contrast");
        }
        return new Badge("healthy" + checkDetail(state), "badge success");
    }

    /** The last active health check result, e.g. " - check: 200 in 12 ms"; empty when not checked. */
    private static String checkDetail(TargetState state) {
        return state.lastCheckDetail() == null ? "" : " - check: " + state.lastCheckDetail();
    }

    /** The provider's circuit breaker, from {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}. */
    static Badge circuit(String state) {
        String s = state == null ? "CLOSED" : state;
        return switch (s) {
            case "CLOSED" -> new Badge("circuit closed", "badge success");
            case "OPEN" -> new Badge("circuit OPEN - calls refused fast", "badge error primary");
            case "HALF_OPEN" -> new Badge("circuit half-open - trying a few calls", "badge");
            default -> new Badge("circuit " + s.toLowerCase(Locale.ROOT).replace('_', '-'), "badge contrast");
        };
    }

    private static String zoneLabel(ZoneId zone) {
        return zone.normalized().getId().equals("Z") ? "UTC" : zone.getId();
    }
}
