package io.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A client of the admin API over real HTTP, signed in as the test profile's platform admin. */
public final class AdminApi {
    public static final String ADMIN_USER = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public AdminApi(int consolePort) {
        this.base = "http://127.0.0.1:" + consolePort;
    }

    public String base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    /** The {@code Authorization} header value of the platform admin. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN_USER + ":" + ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json);
    }

    public HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json);
    }

    public HttpResponse<String> patch(String path, String json) {
        return send("PATCH", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /** {@code path} below {@code /api/v1} (or absolute from the server root when it does not start with /api). */
    public HttpResponse<String> send(String method, String path, String json) {
        return sendAs(ADMIN_USER, ADMIN_PASSWORD, method, path, json);
    }

    public HttpResponse<String> sendAs(String user, String password, String method, String path, String json) {
        HttpRequest.Builder request = request(path).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return execute(request.build());
    }

    public HttpResponse<String> execute(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String path) {
        String full = path.startsWith("/api") || path.startsWith("/v3") || path.startsWith("/actuator")
                ? path : "/api/v1" + path;
        return HttpRequest.newBuilder(URI.create(base + full)).timeout(Duration.ofSeconds(30));
    }

    // --- fixtures ----------------------------------------------------------------------------------------------

    /** A random tenant slug no other test uses. */
    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a tenant with a fresh slug starting with {@code prefix}; returns the slug. */
    public String createTenant(String prefix) {
        String slug = uniqueSlug(prefix);
        expect(post("/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"Tenant " + slug + "\"}"), 201);
        return slug;
    }

    /** Creates a provider from a JSON body. */
    public JsonNode createProvider(String tenant, String json) {
        return expect(post("/tenants/" + tenant + "/providers", json), 201);
    }

    /** Creates a provider with one target and default settings. */
    public JsonNode createProvider(String tenant, String name, String url) {
        return createProvider(tenant, "{\"name\":\"" + name + "\",\"targets\":[{\"url\":\"" + url + "\"}]}");
    }

    public JsonNode createRoute(String tenant, String json) {
        return expect(post("/tenants/" + tenant + "/routes", json), 201);
    }

    /** A public route with default settings otherwise. */
    public JsonNode createPublicRoute(String tenant, String name, String prefix, String provider) {
        return createRoute(tenant, "{\"name\":\"" + name + "\",\"pathPrefix\":\"" + prefix + "\",\"provider\":\""
                + provider + "\",\"public\":true}");
    }

    public static JsonNode expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as("%s %s answered %s", response.request().method(), response.request().uri(),
                response.body()).isEqualTo(status);
        return json(response);
    }

    /** Asserts a 400 {@code application/problem+json} answer with {@code field} among its field errors. */
    public static void expectFieldError(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).path("errors").findValuesAsText("field")).contains(field);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return response.body() == null || response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }
}
