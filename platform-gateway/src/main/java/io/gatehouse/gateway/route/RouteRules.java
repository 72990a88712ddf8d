package io.gatehouse.gateway.route;

import io.gatehouse.common.FieldProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Normalises and validates a route spec; every problem is reported against its JSON field path. */
final class RouteRules {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final Set<String> AUTH_SCHEMES = Set.of("BASIC", "AKSK", "JWT");
    static final Set<String> RETRY_CONDITIONS = Set.of("connect-failure", "reset", "timeout");
    static final int MAX_ROUTE_TIMEOUT_MS = 600_000;
    private static final Pattern STATUS = Pattern.compile("^[1-5]\\d\\d$");
    // RFC 3986 path characters (pchar) plus '/', and percent-escapes.
    private static final Pattern PATH = Pattern.compile("^/([A-Za-z0-9\\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$");

    private RouteRules() {
    }

    /** Upper-cases methods and schemes, trims the trailing '/' of the prefix; leaves invalid values for check(). */
    static RouteSpec normalise(RouteSpec spec) {
        String prefix = spec.pathPrefix() == null ? null : spec.pathPrefix().strip();
        if (prefix != null && prefix.length() > 1 && prefix.endsWith("/") && !prefix.endsWith("//")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return spec.with(spec.name(), prefix, upper(spec.methods()), upper(spec.auth()));
    }

    static List<FieldProblem> check(RouteSpec spec) {
        List<FieldProblem> problems = new ArrayList<>();
        String nameProblem = NameRules.problem(spec.name());
        if (nameProblem != null) {
            problems.add(new FieldProblem("name", nameProblem));
        }
        String prefix = spec.pathPrefix();
        if (prefix == null || prefix.isEmpty()) {
            problems.add(new FieldProblem("pathPrefix", "pathPrefix is required, e.g. /echo"));
        } else if (!PATH.matcher(prefix).matches() || prefix.length() > 500) {
            problems.add(new FieldProblem("pathPrefix",
                    "must start with '/' and contain only URL path characters (max 500), e.g. /v1/chat"));
        } else if (prefix.contains("//") || prefix.replaceAll("%2[eE]", ".").matches(".*(^|/)\\.\\.?(/|$).*")) {
            problems.add(new FieldProblem("pathPrefix", "must not contain empty, '.' or '..' segments"));
        }
        for (int i = 0; i < spec.methods().size(); i++) {
            if (!METHODS.contains(spec.methods().get(i))) {
                problems.add(new FieldProblem("methods[" + i + "]", "unknown method; use one of " + sorted(METHODS)));
            }
        }
        if (spec.provider() == null || spec.provider().isBlank()) {
            problems.add(new FieldProblem("provider", "provider is required: the name of one of this tenant's providers"));
        }
        for (int i = 0; i < spec.auth().size(); i++) {
            if (!AUTH_SCHEMES.contains(spec.auth().get(i))) {
                problems.add(new FieldProblem("auth[" + i + "]", "unknown scheme; use one of " + sorted(AUTH_SCHEMES)));
            }
        }
        if (!spec.publicAccess() && spec.auth().isEmpty()) {
            problems.add(new FieldProblem("auth", "a route that is not public needs at least one auth scheme"));
        }
        if (spec.timeoutMs() < 1 || spec.timeoutMs() > MAX_ROUTE_TIMEOUT_MS) {
            problems.add(new FieldProblem("timeoutMs", "must be between 1 and " + MAX_ROUTE_TIMEOUT_MS + " ms"));
        }
        checkRetry(spec.retry(), problems);
        problems.addAll(FaultRules.check(spec.faults(), "faults"));
        return problems;
    }

    private static void checkRetry(RetrySpec retry, List<FieldProblem> problems) {
        if (retry.maxAttempts() < 1 || retry.maxAttempts() > 10) {
            problems.add(new FieldProblem("retry.maxAttempts", "must be between 1 (no retry) and 10"));
        }
        if (retry.initialBackoffMs() < 0 || retry.initialBackoffMs() > 60_000) {
            problems.add(new FieldProblem("retry.initialBackoffMs", "must be between 0 and 60000 ms"));
        }
        if (retry.maxBackoffMs() < retry.initialBackoffMs() || retry.maxBackoffMs() > 60_000) {
            problems.add(new FieldProblem("retry.maxBackoffMs", "must be between initialBackoffMs and 60000 ms"));
        }
        for (int i = 0; i < retry.retryOn().size(); i++) {
            String condition = retry.retryOn().get(i);
            if (condition == null || !(RETRY_CONDITIONS.contains(condition) || STATUS.matcher(condition).matches())) {
                problems.add(new FieldProblem("retry.retryOn[" + i + "]",
                        "use connect-failure, reset, timeout or an HTTP status code such as 503"));
            }
        }
    }

    private static List<String> upper(List<String> values) {
        return values.stream().map(v -> v == null ? "" : v.strip().toUpperCase(Locale.ROOT)).distinct().toList();
    }

    private static String sorted(Set<String> values) {
        return String.join(", ", values.stream().sorted().toList());
    }
}
