package io.gatehouse.gateway.probe;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.gateway.log.RecentCalls;
import io.gatehouse.gateway.proxy.ConsoleTestKey;
import io.gatehouse.gateway.proxy.GatewayServer;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteView;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

/**
 * Sends one request through a route, as a caller would, and collects what happened. Blocking: call it off the UI
 * thread, with the caller's security context (only tenant admins may send test calls). The request carries the console test key instead of a tenant key, so protected routes can be tested.
 */
@Service
public class RouteTester {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final int PREVIEW_BYTES = 4_096;
    private static final List<String> SHOWN_HEADERS = List.of("content-type", "content-length", "x-request-id",
            "x-gateway-attempts", "x-gateway-latency", "x-upstream-latency", "retry-after", "www-authenticate");
    private static final Pattern SUB_PATH = Pattern.compile("^(/[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*)?(\\?[^\\s#]*)?$");

    private final RouteService routes;
    private final GatewayServer gateway;
    private final ConsoleTestKey testKey;
    private final RecentCalls recentCalls;
    private final AccessControl access;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    RouteTester(RouteService routes, GatewayServer gateway, ConsoleTestKey testKey, RecentCalls recentCalls,
                AccessControl access) {
        this.access = access;
        this.routes = routes;
        this.gateway = gateway;
        this.testKey = testKey;
        this.recentCalls = recentCalls;
    }

    /**
     * @param subPath what follows the route's prefix, e.g. {@code /v1/models?limit=1}; empty for the prefix itself
     * @param body    sent for methods that take one; null or empty for none
     */
    public RouteTestResult test(String tenant, String routeName, String method, String subPath, String body) {
        access.manageableTenant(tenant);
        RouteView route = routes.get(tenant, routeName);
        String verb = method == null ? "GET" : method.strip().toUpperCase(java.util.Locale.ROOT);
        if (!METHODS.contains(verb)) {
            throw new InvalidInputException("method", "use one of " + String.join(", ", METHODS.stream().sorted().toList()));
        }
        String rest = subPath == null ? "" : subPath.strip();
        if (!rest.isEmpty() && !rest.startsWith("/") && !rest.startsWith("?")) {
            rest = "/" + rest;
        }
        if (!SUB_PATH.matcher(rest).matches() || rest.length() > 2_000) {
            throw new InvalidInputException("path", "a path after the route prefix, e.g. /v1/items?limit=5 (no spaces)");
        }
        String prefix = route.pathPrefix().equals("/") ? "" : route.pathPrefix();
        String url = gateway.localBaseUrl() + "/" + tenant + prefix + rest;
        if (gateway.port() < 0) {
            return new RouteTestResult(url, 0, Map.of(), "", false, 0, null, "the gateway listener is not running");
        }
        byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(route.timeoutMs() + 5_000L))
                .header(ConsoleTestKey.HEADER, testKey.value())
                .header("User-Agent", "Gatehouse-Console-Test")
                .method(verb, payload.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(payload))
                .build();
        long start = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            byte[] preview;
            boolean truncated;
            try (InputStream in = response.body()) {
                preview = in.readNBytes(PREVIEW_BYTES);
                truncated = in.read() >= 0;
            }
            long elapsedMs = (System.nanoTime() - start) / 1_000_000L;
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : SHOWN_HEADERS) {
                response.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
            }
            String requestId = headers.get("x-request-id");
            return new RouteTestResult(url, response.statusCode(), headers,
                    new String(preview, StandardCharsets.UTF_8), truncated, elapsedMs,
                    requestId == null ? null : awaitRecord(tenant, requestId), null);
        } catch (IOException e) {
            return new RouteTestResult(url, 0, Map.of(), "", false, (System.nanoTime() - start) / 1_000_000L, null,
                    "the gateway did not answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new RouteTestResult(url, 0, Map.of(), "", false, 0, null, "interrupted");
        }
    }

    /** The record is handed over when the response completes, a moment after the caller has the last byte. */
    private io.gatehouse.gateway.log.CallRecord awaitRecord(String tenant, String requestId) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            var found = recentCalls.find(tenant, requestId);
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(10);
        }
        return null;
    }
}
