package io.gatehouse.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * JWT keys whose public keys come from the issuer's JWKS URL: issued through the admin API, the set served by a JDK
 * HttpServer on 127.0.0.1 (allowed by the test profile's PLATFORM_UPSTREAM_ALLOWLIST 127.0.0.0/8), tokens checked
 * by the running gateway. Same context configuration as {@link TenantKeysThroughGatewayTest}, so the context is
 * shared. Key rotation (unknown kid, background refresh) is covered by the unit tests: here a refresh would wait for
 * the 30 s fetch rate limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwksKeysThroughGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PREFETCH_WAIT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;

    RecordingUpstream upstream;
    HttpServer idp;
    final AtomicReference<String> published = new AtomicReference<>("{\"keys\":[]}");
    KeyPair idpKey;
    KeyPair strangerKey;
    String tenant;

    @BeforeAll
    void start() throws Exception {
        upstream = new RecordingUpstream();
        idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        idp.createContext("/.well-known/jwks.json", exchange -> {
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        idpKey = generator.generateKeyPair();
        strangerKey = generator.generateKeyPair();
    }

    @AfterAll
    void stop() {
        upstream.close();
        idp.stop(0);
    }

    @BeforeEach
    void tenantWithAProtectedRoute() throws Exception {
        tenant = "jwks-" + UUID.randomUUID().toString().substring(0, 8);
        admin("POST", "/tenants", Map.of("slug", tenant, "name", "Tenant " + tenant));
        admin("POST", "/tenants/" + tenant + "/providers", Map.of("name", "up",
                "targets", new Object[] {Map.of("url", upstream.url())}));
        admin("POST", "/tenants/" + tenant + "/routes", Map.of("name", "echo", "pathPrefix", "/echo", "provider", "up"));
        publish(jwk(idpKey, "idp-key-1"), jwk(strangerKey, "enc-key").replace("\"use\":\"sig\"", "\"use\":\"enc\""));
    }

    @Test
    void anRs256TokenWhoseKidNamesAKeyInTheIssuersJwksIsAccepted() throws Exception {
        String url = jwksUrl();
        JsonNode key = issue(Map.of("type", "JWT", "name", "idp", "algorithm", "RS256", "jwksUrl", url));
        String accessKey = key.get("accessKey").asText();
        assertThat(key.get("jwksUrl").asText()).isEqualTo(url);
        assertThat(key.has("secret")).isFalse();
        JsonNode view = JSON.readTree(admin("GET", "/tenants/" + tenant + "/credentials/" + key.get("id").asText(),
                null).body());
        assertThat(view.get("jwksUrl").asText()).isEqualTo(url);

        // The set is pre-fetched in the background when the key is issued: allow it a moment.
        HttpResponse<String> ok = callUntilNot401(token(idpKey, "idp-key-1", "access_key", accessKey));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(upstream.last().header("Authorization")).isNull();
        assertThat(upstream.last().header("X-Gatehouse-Credential")).isEqualTo(key.get("id").asText());

        HttpResponse<String> byIss = call(token(idpKey, "idp-key-1", "iss", accessKey));
        assertThat(byIss.statusCode()).as(byIss.body()).isEqualTo(200);

        HttpResponse<String> forged = call(token(strangerKey, "idp-key-1", "access_key", accessKey));
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(error(forged).get("message").asText()).contains("signature does not match");

        HttpResponse<String> encKey = call(token(strangerKey, "enc-key", "access_key", accessKey));
        assertThat(encKey.statusCode()).isEqualTo(401);
        assertThat(error(encKey).get("message").asText()).contains("unknown key id 'enc-key'");

        assertThat(admin("POST", "/tenants/" + tenant + "/credentials/" + key.get("id").asText() + "/rotate", null)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void aRevokedJwksKeyIsRefused() throws Exception {
        JsonNode key = issue(Map.of("type", "JWT", "name", "idp", "algorithm", "RS256", "jwksUrl", jwksUrl()));
        String token = token(idpKey, "idp-key-1", "access_key", key.get("accessKey").asText());
        assertThat(callUntilNot401(token).statusCode()).isEqualTo(200);
        admin("DELETE", "/tenants/" + tenant + "/credentials/" + key.get("id").asText(), null);
        HttpResponse<String> after = call(token);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(error(after).get("message").asText()).contains("revoked");
    }

    @Test
    void aJwksUrlPointingAtTheMetadataAddressIsRefusedOnFieldJwksUrl() throws Exception {
        HttpResponse<String> metadata = admin("POST", "/tenants/" + tenant + "/credentials", Map.of("type", "JWT",
                "name", "evil", "algorithm", "RS256", "jwksUrl", "http://169.254.169.254/latest/meta-data/jwks.json"));
        assertThat(metadata.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(metadata.body());
        assertThat(problem.get("errors")).anySatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo("jwksUrl");
            assertThat(e.get("message").asText()).contains("metadata");
        });
    }

    @Test
    void badJwksRequestsAre400OnTheRightField() throws Exception {
        Map<String, Map<String, Object>> cases = Map.of(
                "jwksUrl", Map.of("type", "JWT", "name", "x", "algorithm", "RS256", "jwksUrl", "ftp://idp.example.com/k"),
                "jwksUrl ", Map.of("type", "JWT", "name", "x", "algorithm", "RS256",
                        "jwksUrl", "https://user:pw@idp.example.com/jwks.json"),
                "jwksUrl  ", Map.of("type", "JWT", "name", "x", "algorithm", "HS256", "jwksUrl", jwksUrl()),
                "jwksUrl   ", Map.of("type", "JWT", "name", "x", "algorithm", "RS256", "jwksUrl", jwksUrl(),
                        "publicKeyPem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"),
                "algorithm", Map.of("type", "JWT", "name", "x", "jwksUrl", jwksUrl()));
        for (Map.Entry<String, Map<String, Object>> c : cases.entrySet()) {
            HttpResponse<String> response = admin("POST", "/tenants/" + tenant + "/credentials", c.getValue());
            assertThat(response.statusCode()).as(c.getValue().toString()).isEqualTo(400);
            assertThat(response.body()).as(c.getValue().toString())
                    .contains("\"field\":\"" + c.getKey().strip() + "\"");
        }
    }

    private String jwksUrl() {
        return "http://127.0.0.1:" + idp.getAddress().getPort() + "/.well-known/jwks.json";
    }

    private void publish(String... jwks) {
        published.set("{\"keys\":[" + Arrays.stream(jwks).collect(Collectors.joining(",")) + "]}");
    }

    private static String jwk(KeyPair pair, String kid) {
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).build().toJSONString();
    }

    private static String token(KeyPair signer, String kid, String claim, String accessKey) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(),
                new JWTClaimsSet.Builder().claim(claim, accessKey).subject("svc")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(signer.getPrivate()));
        return jwt.serialize();
    }

    /** Calls until the answer is not a 401 or {@link #PREFETCH_WAIT} has passed (background fetches). */
    private HttpResponse<String> callUntilNot401(String token) throws Exception {
        long deadline = System.nanoTime() + PREFETCH_WAIT.toNanos();
        HttpResponse<String> response = call(token);
        while (response.statusCode() == 401 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = call(token);
        }
        return response;
    }

    private HttpResponse<String> call(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/" + tenant
                        + "/echo/jwks")).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode issue(Map<String, Object> body) throws Exception {
        HttpResponse<String> response = admin("POST", "/tenants/" + tenant + "/credentials", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> admin(String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/api/v1" + path))
                .header("Authorization", "Basic " + b64("admin:admin-test-password"))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).get("error");
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
