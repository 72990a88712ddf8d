package io.gatehouse.gateway.route;

import io.gatehouse.common.FieldProblem;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validates a provider spec field by field; collects every problem instead of stopping at the first. */
final class ProviderRules {
    static final int MAX_TARGETS = 32;
    static final int MAX_TIMEOUT_MS = 600_000;
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
    private static final List<String> RESERVED_HEADERS = List.of("host", "content-length", "transfer-encoding",
            "connection", "upgrade", "te", "trailer", "keep-alive", "proxy-connection", "x-request-id");

    private ProviderRules() {
    }

    static List<FieldProblem> check(ProviderSpec spec, UpstreamAddressPolicy policy) {
        List<FieldProblem> problems = new ArrayList<>();
        String nameProblem = NameRules.problem(spec.name());
        if (nameProblem != null) {
            problems.add(new FieldProblem("name", nameProblem));
        }
        if (!ProviderSpec.HTTP.equals(spec.type()) && !spec.isMock()) {
            problems.add(new FieldProblem("type", "type is 'http' (forward to targets) or 'mock' (answer inside the"
                    + " gateway)"));
            return problems;
        }
        if (spec.isMock()) {
            checkMock(spec, problems);
            return problems;
        }
        if (spec.healthCheck() != null) {
            checkHealthCheck(spec.healthCheck(), problems);
        }
        if (spec.targets().isEmpty()) {
            problems.add(new FieldProblem("targets", "add at least one target, e.g. {\"url\":\"https://api.example.com\"}"));
        } else if (spec.targets().size() > MAX_TARGETS) {
            problems.add(new FieldProblem("targets", "at most " + MAX_TARGETS + " targets"));
        }
        for (int i = 0; i < spec.targets().size(); i++) {
            TargetSpec target = spec.targets().get(i);
            String field = "targets[" + i + "]";
            if (target == null) {
                problems.add(new FieldProblem(field, "target must be an object with url and weight"));
                continue;
            }
            urlProblem(target.url(), policy).ifPresent(p -> problems.add(new FieldProblem(field + ".url", p)));
            if (target.weight() < 1 || target.weight() > 1000) {
                problems.add(new FieldProblem(field + ".weight", "weight must be between 1 and 1000"));
            }
        }
        timeoutProblem(spec.connectTimeoutMs()).ifPresent(p -> problems.add(new FieldProblem("connectTimeoutMs", p)));
        timeoutProblem(spec.responseTimeoutMs()).ifPresent(p -> problems.add(new FieldProblem("responseTimeoutMs", p)));
        if (spec.headers() != null) {
            for (Map.Entry<String, String> header : spec.headers().entrySet()) {
                headerProblem(header.getKey(), header.getValue())
                        .ifPresent(p -> problems.add(new FieldProblem("headers." + header.getKey(), p)));
            }
        }
        return problems;
    }

    static final int MAX_MOCK_BODY = 65_536;

    private static void checkMock(ProviderSpec spec, List<FieldProblem> problems) {
        if (!spec.targets().isEmpty()) {
            problems.add(new FieldProblem("targets", "a mock provider answers inside the gateway and has no targets"));
        }
        if (spec.healthCheck() != null) {
            problems.add(new FieldProblem("healthCheck", "a mock provider has no targets to check"));
        }
        MockSpec mock = spec.mock();
        if (mock.status() < 200 || mock.status() > 599) {
            problems.add(new FieldProblem("mock.status", "an HTTP status between 200 and 599"));
        }
        if (mock.body().length() > MAX_MOCK_BODY) {
            problems.add(new FieldProblem("mock.body", "at most " + MAX_MOCK_BODY + " characters"));
        }
        if (mock.contentType().length() > 200 || mock.contentType().chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            problems.add(new FieldProblem("mock.contentType", "a media type such as application/json"));
        }
        if (mock.latencyMs() < 0 || mock.latencyMs() > MAX_TIMEOUT_MS) {
            problems.add(new FieldProblem("mock.latencyMs", "must be between 0 and " + MAX_TIMEOUT_MS + " ms"));
        }
        problems.addAll(FaultRules.check(mock.faults(), "mock.faults"));
    }

    private static void checkHealthCheck(HealthCheckSpec check, List<FieldProblem> problems) {
        if (!check.path().startsWith("/") || check.path().length() > 500
                || check.path().chars().anyMatch(c -> c <= 0x20 || c >= 0x7f)) {
            problems.add(new FieldProblem("healthCheck.path", "a path starting with /, e.g. /health"));
        }
        if (check.intervalMs() < 1_000 || check.intervalMs() > 3_600_000) {
            problems.add(new FieldProblem("healthCheck.intervalMs", "between 1000 and 3600000 ms"));
        }
        if (check.timeoutMs() < 1 || check.timeoutMs() >= check.intervalMs()) {
            problems.add(new FieldProblem("healthCheck.timeoutMs", "at least 1 ms and shorter than intervalMs"));
        }
        if (check.healthyThreshold() < 1 || check.healthyThreshold() > 10) {
            problems.add(new FieldProblem("healthCheck.healthyThreshold", "between 1 and 10"));
        }
        if (check.unhealthyThreshold() < 1 || check.unhealthyThreshold() > 10) {
            problems.add(new FieldProblem("healthCheck.unhealthyThreshold", "between 1 and 10"));
        }
    }

    static Optional<String> urlProblem(String url, UpstreamAddressPolicy policy) {
        if (url == null || url.isBlank()) {
            return Optional.of("url is required, e.g. https://api.example.com");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("use an http:// or https:// URL");
        }
        if (uri.getHost() == null) {
            return Optional.of("the URL has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("credentials in the URL are not allowed; use provider headers instead");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("a target URL cannot have a query or fragment");
        }
        return addressProblem(uri.getHost(), policy);
    }

    private static Optional<String> addressProblem(String rawHost, UpstreamAddressPolicy policy) {
        String host = rawHost.startsWith("[") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        Optional<String> spelling = policy.hostSpellingProblem(host);
        if (spelling.isPresent()) {
            return spelling;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // may exist later; checked again at connect time
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = policy.blockReason(address);
            if (reason.isPresent()) {
                return Optional.of(host + " is " + reason.get() + " (" + address.getHostAddress() + "); "
                        + UpstreamAddressPolicy.hint());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> timeoutProblem(int value) {
        if (value < 1 || value > MAX_TIMEOUT_MS) {
            return Optional.of("must be between 1 and " + MAX_TIMEOUT_MS + " ms");
        }
        return Optional.empty();
    }

    private static Optional<String> headerProblem(String name, String value) {
        if (name == null || !HEADER_NAME.matcher(name).matches()) {
            return Optional.of("not a valid HTTP header name");
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("this header is managed by the gateway and cannot be injected");
        }
        if (value == null || value.length() > 4000 || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            return Optional.of("value must be present, at most 4000 characters and on one line");
        }
        return Optional.empty();
    }
}
