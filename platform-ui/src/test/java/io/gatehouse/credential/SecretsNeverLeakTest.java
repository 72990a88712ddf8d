package io.gatehouse.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

/**
 * Issues every kind of key, uses each successfully and unsuccessfully, then looks for the secrets everywhere they
 * must never be: the application log, the credential API after creation, and the bytes of the H2 database files.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = {"logging.level.root=DEBUG", "logging.level.io.gatehouse=TRACE"})
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DB_DIR = Path.of("target", "leak-test-db", java.util.UUID.randomUUID().toString()).toAbsolutePath();

    @org.springframework.test.context.DynamicPropertySource
    static void fileDatabase(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + DB_DIR.resolve("gatehouse") + ";DB_CLOSE_ON_EXIT=FALSE");
    }
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noSecretAppearsInLogsApiResponsesOrDatabaseFiles(CapturedOutput output) throws Exception {
        List<String> secrets = new ArrayList<>();
        try (RecordingUpstream upstream = new RecordingUpstream()) {
            admin("POST", "/tenants", Map.of("slug", "leaky", "name", "Leak check"));
            String upstreamKey = "sk-live-UPSTREAM-" + System.nanoTime();
            secrets.add(upstreamKey);
            admin("POST", "/tenants/leaky/providers", Map.of("name", "up", "targets", List.of(Map.of("url", upstream.url())),
                    "headers", Map.of("X-Api-Key", upstreamKey)));
            admin("POST", "/tenants/leaky/routes", Map.of("name", "echo", "pathPrefix", "/echo", "provider", "up"));

            JsonNode basicKey = issue(Map.of("type", "BASIC", "name", "b"));
            JsonNode akskKey = issue(Map.of("type", "AKSK", "name", "a"));
            JsonNode jwtKey = issue(Map.of("type", "JWT", "name", "j", "algorithm", "HS256"));
            secrets.add(basicKey.get("password").asText());
            secrets.add(akskKey.get("secretKey").asText());
            secrets.add(jwtKey.get("secret").asText());
            JsonNode rotated = JSON.readTree(admin("POST", "/tenants/leaky/credentials/" + basicKey.get("id").asText()
                    + "/rotate", null).body());
            secrets.add(rotated.get("password").asText());

            String goodBasic = "Basic " + b64(rotated.get("username").asText() + ":" + rotated.get("password").asText());
            assertThat(call(goodBasic).statusCode()).isEqualTo(200);
            assertThat(upstream.last().header("X-Api-Key")).isEqualTo(upstreamKey);
            assertThat(call("Basic " + b64(rotated.get("username").asText() + ":" + rotated.get("password").asText() + "x"))
                    .statusCode()).isEqualTo(401);
            assertThat(call("Bearer " + jwtKey.get("secret").asText()).statusCode()).isEqualTo(401);

            StringBuilder apiText = new StringBuilder();
            apiText.append(admin("GET", "/tenants/leaky/credentials", null).body());
            for (JsonNode key : List.of(basicKey, akskKey, jwtKey)) {
                apiText.append(admin("GET", "/tenants/leaky/credentials/" + key.get("id").asText(), null).body());
            }
            apiText.append(admin("GET", "/tenants/leaky/providers", null).body());
            apiText.append(admin("GET", "/tenants/leaky/providers/up", null).body());

            jdbc.execute("CHECKPOINT SYNC");
            byte[] dbBytes = databaseFileBytes();
            assertThat(dbBytes.length).isGreaterThan(0);
            for (String secret : secrets) {
                assertThat(output.getAll()).as("application log").doesNotContain(secret);
                assertThat(apiText.toString()).as("API after creation").doesNotContain(secret);
                assertThat(indexOf(dbBytes, secret.getBytes(StandardCharsets.UTF_8))).as("H2 files").isEqualTo(-1);
            }
            // The probe works: a value we know is stored in clear is found in the same bytes.
            assertThat(indexOf(dbBytes, "Leak check".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(-1);
        }
    }

    private byte[] databaseFileBytes() throws Exception {
        Path dir = DB_DIR;
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.write(Files.readAllBytes(file));
            }
        }
        return all.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private JsonNode issue(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = admin("POST", "/tenants/leaky/credentials", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> call(String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/leaky/echo/x"))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/api/v1" + path))
                .header("Authorization", "Basic " + b64("admin:admin-test-password"))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
