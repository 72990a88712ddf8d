package io.gatehouse.ui.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Admin API calls next to the browser, to check what the console did: can this password or token sign in? */
final class ApiCalls {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ApiCalls() {
    }

    /** GET {@code url} with HTTP Basic. */
    static int basicStatus(String url, String user, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return get(url, "Basic " + basic).statusCode();
    }

    /** GET {@code url} with {@code Authorization: Bearer token}. */
    static HttpResponse<String> bearer(String url, String token) throws Exception {
        return get(url, "Bearer " + token);
    }

    private static HttpResponse<String> get(String url, String authorization) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
