package io.gatehouse.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.gatehouse.auth.audit.AuditFilter;
import io.gatehouse.auth.audit.AuditLog;
import io.gatehouse.auth.audit.AuditRecord;
import io.gatehouse.auth.authn.sigv4.SigV4Signer;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Issue keys through the admin API and use them on the running gateway: every scheme, every refusal. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TenantKeysThroughGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;
    @Autowired
    AuditLog audit;

    RecordingUpstream upstream;
    String tenant;
    String otherTenant;

    @BeforeAll
    void startUpstream() throws Exception {
        upstream = new RecordingUpstream();
    }

    @AfterAll
    void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void tenantsWithProtectedRoutes() throws Exception {
        tenant = "keys-" + UUID.randomUUID().toString().substring(0, 8);
        otherTenant = tenant + "-b";
        for (String t : new String[] {tenant, otherTenant}) {
            admin("POST", "/tenants", Map.of("slug", t, "name", "Tenant " + t));
            admin("POST", "/tenants/" + t + "/providers", Map.of("name", "up", "targets", new Object[] {Map.of("url", upstream.url())}));
            admin("POST", "/tenants/" + t + "/routes", Map.of("name", "echo", "pathPrefix", "/echo", "provider", "up"));
            admin("POST", "/tenants/" + t + "/routes", Map.of("name", "other", "pathPrefix", "/other", "provider", "up"));
            admin("POST", "/tenants/" + t + "/routes", Map.of("name", "signed-only", "pathPrefix", "/signed",
                    "provider", "up", "auth", new String[] {"AKSK"}));
        }
    }

    @Test
    void aBasicKeyOpensItsTenantsRouteAndTheUpstreamNeverSeesIt() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "BASIC", "name", "ci"));
        HttpResponse<String> ok = call("GET", tenant, "/echo/hi?x=1", basic(key), null);
        assertThat(ok.statusCode()).isEqualTo(200);
        RecordingUpstream.Seen seen = upstream.last();
        assertThat(seen.uri()).isEqualTo("/hi?x=1");
        assertThat(seen.header("Authorization")).isNull();
        assertThat(seen.header("X-Gatehouse-Credential")).isEqualTo(key.get("id").asText());
    }

    @Test
    void refusalsAre401WithAChallengeAndAReason() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "BASIC", "name", "ci"));
        HttpResponse<String> none = call("GET", tenant, "/echo", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("Basic"));
        assertThat(error(none).get("code").asText()).isEqualTo("unauthorized");

        String wrong = "Basic " + b64(key.get("username").asText() + ":not-the-password");
        HttpResponse<String> bad = call("GET", tenant, "/echo", wrong, null);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(error(bad).get("message").asText()).contains("wrong password");

        for (String garbage : new String[] {"Basic", "Basic !!!", "Basic " + b64("nocolon"), "Bearer", "Bearer a.b",
                "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential=", "Digest x", "\u00e9\u00e9"}) {
            assertThat(call("GET", tenant, "/echo", garbage, null).statusCode()).as(garbage).isEqualTo(401);
        }
    }

    @Test
    void anotherTenantsKeyIsUnknownHereAndScopeLimitsRoutes() throws Exception {
        JsonNode foreign = issue(otherTenant, Map.of("type", "BASIC", "name", "theirs"));
        HttpResponse<String> crossTenant = call("GET", tenant, "/echo", basic(foreign), null);
        assertThat(crossTenant.statusCode()).isEqualTo(401);

        JsonNode scoped = issue(tenant, Map.of("type", "BASIC", "name", "scoped", "routes", new String[] {"other"}));
        assertThat(call("GET", tenant, "/other", basic(scoped), null).statusCode()).isEqualTo(200);
        HttpResponse<String> outside = call("GET", tenant, "/echo", basic(scoped), null);
        assertThat(outside.statusCode()).isEqualTo(403);
        assertThat(error(outside).get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void aRouteRefusesSchemesOutsideItsAuthList() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "BASIC", "name", "ci"));
        HttpResponse<String> refused = call("GET", tenant, "/signed", basic(key), null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(error(refused).get("message").asText()).contains("does not accept BASIC");
    }

    @Test
    void revocationTakesEffectAsSoonAsTheCallReturns() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "BASIC", "name", "soon-revoked"));
        assertThat(call("GET", tenant, "/echo", basic(key), null).statusCode()).isEqualTo(200);
        assertThat(admin("DELETE", "/tenants/" + tenant + "/credentials/" + key.get("id").asText(), null).statusCode())
                .isEqualTo(204);
        HttpResponse<String> after = call("GET", tenant, "/echo", basic(key), null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(error(after).get("message").asText()).contains("revoked");
        JsonNode view = JSON.readTree(admin("GET", "/tenants/" + tenant + "/credentials/" + key.get("id").asText(), null).body());
        assertThat(view.get("state").asText()).isEqualTo("REVOKED");
    }

    @Test
    void anExpiredKeyIsRefusedWithinASecondOfItsExpiry() throws Exception {
        String expiresAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS).toString();
        JsonNode key = issue(tenant, Map.of("type", "BASIC", "name", "short", "expiresAt", expiresAt));
        assertThat(call("GET", tenant, "/echo", basic(key), null).statusCode()).isEqualTo(200);
        Thread.sleep(Math.max(0, Instant.parse(expiresAt).toEpochMilli() - System.currentTimeMillis()) + 1000);
        HttpResponse<String> after = call("GET", tenant, "/echo", basic(key), null);
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(error(after).get("message").asText()).contains("expired");
    }

    @Test
    void rotationKeepsTheOldSecretDuringGraceAndNotAfter() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "BASIC", "name", "rotating"));
        String id = key.get("id").asText();
        JsonNode rotated = JSON.readTree(admin("POST", "/tenants/" + tenant + "/credentials/" + id + "/rotate",
                Map.of("graceSeconds", 3600)).body());
        assertThat(rotated.get("id").asText()).isEqualTo(id);
        assertThat(rotated.get("username").asText()).isEqualTo(key.get("username").asText());
        assertThat(rotated.get("password").asText()).isNotEqualTo(key.get("password").asText());
        assertThat(call("GET", tenant, "/echo", basic(key), null).statusCode()).isEqualTo(200);
        assertThat(call("GET", tenant, "/echo", basic(rotated), null).statusCode()).isEqualTo(200);

        JsonNode again = JSON.readTree(admin("POST", "/tenants/" + tenant + "/credentials/" + id + "/rotate",
                Map.of("graceSeconds", 0)).body());
        assertThat(call("GET", tenant, "/echo", basic(rotated), null).statusCode()).isEqualTo(401);
        assertThat(call("GET", tenant, "/echo", basic(again), null).statusCode()).isEqualTo(200);
    }

    @Test
    void anAkskKeySignsWithSigV4AndTheBodyArrivesIntact() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "AKSK", "name", "batch"));
        byte[] body = "{\"hello\":\"world\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = signedCall("POST", tenant, "/signed/items?b=2&a=1", body, key, Instant.now(), body);
        assertThat(ok.statusCode()).isEqualTo(200);
        RecordingUpstream.Seen seen = upstream.last();
        assertThat(seen.body()).isEqualTo(body);
        assertThat(seen.header("Authorization")).isNull();
        assertThat(seen.header("X-Amz-Date")).isNull();

        byte[] tampered = "{\"hello\":\"there\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> changed = signedCall("POST", tenant, "/signed/items", body, key, Instant.now(), tampered);
        assertThat(changed.statusCode()).isEqualTo(401);

        HttpResponse<String> stale = signedCall("GET", tenant, "/signed/items", new byte[0], key,
                Instant.now().minusSeconds(20 * 60), new byte[0]);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(error(stale).get("message").asText()).contains("minutes");
    }

    @Test
    void aSignedBodyOverTheCapIs413() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "AKSK", "name", "big"));
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        HttpResponse<String> tooLarge = signedCall("PUT", tenant, "/signed/blob", big, key, Instant.now(), big);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(error(tooLarge).get("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void realCurlAwsSigV4IsAccepted() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/curl").canExecute(),
                "curl is not installed: skipping the curl --aws-sigv4 interoperability check");
        JsonNode key = issue(tenant, Map.of("type", "AKSK", "name", "curl"));
        String url = "http://127.0.0.1:" + gateway.port() + "/" + tenant + "/signed/from-curl?z=1&a=2";
        Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--aws-sigv4", "aws:amz:us-east-1:gateway",
                "--user", key.get("accessKey").asText() + ":" + key.get("secretKey").asText(),
                "-X", "POST", "-H", "Content-Type: application/json", "--data", "{\"from\":\"curl\"}", url)
                .redirectErrorStream(true).start();
        String status = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        curl.waitFor();
        assertThat(status).isEqualTo("200");
        assertThat(new String(upstream.last().body(), StandardCharsets.UTF_8)).isEqualTo("{\"from\":\"curl\"}");
    }

    @Test
    void aJwtKeyAcceptsHs256TokensLikePyJwtMakes() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "JWT", "name", "app", "algorithm", "HS256"));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().claim("access_key", key.get("accessKey").asText())
                        .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new MACSigner(key.get("secret").asText().getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> ok = call("GET", tenant, "/echo/jwt", "Bearer " + jwt.serialize(), null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(upstream.last().header("Authorization")).isNull();

        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"access_key\":\"" + key.get("accessKey").asText() + "\"}").getBytes());
        assertThat(call("GET", tenant, "/echo", "Bearer " + header + "." + claims + ".", null).statusCode()).isEqualTo(401);
    }

    @Test
    void secretsAreShownOnceAndEveryChangeIsAudited() throws Exception {
        JsonNode key = issue(tenant, Map.of("type", "AKSK", "name", "once"));
        String secret = key.get("secretKey").asText();
        String list = admin("GET", "/tenants/" + tenant + "/credentials", null).body();
        String one = admin("GET", "/tenants/" + tenant + "/credentials/" + key.get("id").asText(), null).body();
        assertThat(list).doesNotContain(secret).contains(key.get("id").asText());
        assertThat(one).doesNotContain(secret).doesNotContain(key.get("accessKey").asText());
        admin("POST", "/tenants/" + tenant + "/credentials/" + key.get("id").asText() + "/rotate", null);
        admin("DELETE", "/tenants/" + tenant + "/credentials/" + key.get("id").asText(), null);
        List<AuditRecord> entries = audit.search(AuditFilter.parse(tenant, null, null, null, null, null, "1000", null))
                .items();
        assertThat(entries).extracting(r -> r.action())
                .contains("credential.issue", "credential.rotate", "credential.revoke");
        assertThat(entries).allSatisfy(r -> {
            assertThat(r.actor()).isEqualTo("admin");
            assertThat(String.valueOf(r.detail())).doesNotContain(secret);
        });
    }

    @Test
    void badIssueRequestsAre400WithFieldErrors() throws Exception {
        HttpResponse<String> response = admin("POST", "/tenants/" + tenant + "/credentials",
                Map.of("type", "KERBEROS", "name", ""));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"type\"").contains("\"field\":\"name\"");
        HttpResponse<String> unknownRoute = admin("POST", "/tenants/" + tenant + "/credentials",
                Map.of("type", "BASIC", "name", "x", "routes", new String[] {"nope"}));
        assertThat(unknownRoute.statusCode()).isEqualTo(400);
        assertThat(unknownRoute.body()).contains("routes[0]");
        HttpResponse<String> past = admin("POST", "/tenants/" + tenant + "/credentials",
                Map.of("type", "BASIC", "name", "x", "expiresAt", "2001-01-01T00:00:00Z"));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(admin("GET", "/tenants/" + tenant + "/credentials/cred_nope", null).statusCode()).isEqualTo(404);
        assertThat(admin("GET", "/tenants/" + otherTenant + "/credentials/"
                + issue(tenant, Map.of("type", "BASIC", "name", "mine")).get("id").asText(), null).statusCode()).isEqualTo(404);
    }

    private JsonNode issue(String t, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = admin("POST", "/tenants/" + t + "/credentials", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> signedCall(String method, String t, String pathAndQuery, byte[] signedBody,
                                            JsonNode key, Instant at, byte[] sentBody) throws Exception {
        String url = "http://127.0.0.1:" + gateway.port() + "/" + t + pathAndQuery;
        Map<String, String> headers = SigV4Signer.sign(method, url, Map.of(), signedBody, key.get("accessKey").asText(),
                key.get("secretKey").asText(), "us-east-1", "gateway", at);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .method(method, sentBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(sentBody));
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        });
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String t, String pathAndQuery, String authorization, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/" + t + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

    private static String basic(JsonNode key) {
        return "Basic " + b64(key.get("username").asText() + ":" + key.get("password").asText());
    }

    private static String b64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
