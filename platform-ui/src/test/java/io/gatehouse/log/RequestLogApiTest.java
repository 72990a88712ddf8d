package io.gatehouse.log;

import static io.gatehouse.gateway.AdminApi.expect;
import static io.gatehouse.gateway.AdminApi.expectFieldError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.GatewayClient;
import io.gatehouse.gateway.RecordingUpstream;
import io.gatehouse.gateway.log.RequestLogRetention;
import io.gatehouse.gateway.log.RequestLogWriter;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The logs API over real HTTP: gateway calls land in it with their attempts; filters, paging, CSV, scoping, errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLogApiTest {
    private final RecordingUpstream upstream = new RecordingUpstream();
    private AdminApi api;
    private GatewayClient gateway;

    @Autowired
    GatewayServer gatewayServer;

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestLogRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @LocalServerPort
    int consolePort;

    @BeforeAll
    void clients() {
        api = new AdminApi(consolePort);
        gateway = new GatewayClient(gatewayServer.port());
    }

    @AfterAll
    void stopUpstream() {
        upstream.close();
    }

    private JsonNode logs(String tenant, String query) {
        return expect(api.get("/tenants/" + tenant + "/logs" + (query.isEmpty() ? "" : "?" + query)), 200);
    }

    private static List<String> requestIds(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false)
                .map(n -> n.path("requestId").asText()).toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void gatewayCallsAppearWithTheirAttemptsAndNeverWithASecret() throws Exception {
        String tenant = api.createTenant("logs");
        api.createProvider(tenant, "echo", upstream.url(""));
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        api.createProvider(tenant, "closed", "http://127.0.0.1:" + closedPort);
        api.createPublicRoute(tenant, "echo", "/echo", "echo");
        api.createRoute(tenant, "{\"name\":\"private\",\"pathPrefix\":\"/private\",\"provider\":\"echo\"}");
        api.createRoute(tenant, "{\"name\":\"down\",\"pathPrefix\":\"/down\",\"provider\":\"closed\",\"public\":true,"
                + "\"retry\":{\"maxAttempts\":3,\"initialBackoffMs\":1,\"maxBackoffMs\":2}}");
        JsonNode key = expect(api.post("/tenants/" + tenant + "/credentials", "{\"type\":\"BASIC\",\"name\":\"ci\"}"), 201);
        String password = key.path("password").asText();
        String basic = "Basic " + Base64.getEncoder().encodeToString((key.path("username").asText() + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        String wrong = "Basic " + Base64.getEncoder().encodeToString((key.path("username").asText()
                + ":wrong-Pa55word-XYZ").getBytes(StandardCharsets.UTF_8));

        Map<Integer, String> ids = new java.util.HashMap<>();
        ids.put(200, call("/" + tenant + "/echo/hello?x=1&api_key=sk-QUERY-SECRET", null, 200));
        ids.put(201, call("/" + tenant + "/private/ok", basic, 200));
        ids.put(404, call("/" + tenant + "/nowhere", null, 404));
        ids.put(401, call("/" + tenant + "/private/x", wrong, 401));
        ids.put(502, call("/" + tenant + "/down/x", null, 502));
        LogSeeds.drain(writer);

        JsonNode page = logs(tenant, "");
        assertThat(requestIds(page)).containsExactlyInAnyOrderElementsOf(ids.values());
        JsonNode failed = find(page, ids.get(502));
        assertThat(failed.path("status").asInt()).isEqualTo(502);
        assertThat(failed.path("errorCode").asText()).isEqualTo("upstream_connect_failed");
        assertThat(failed.path("route").asText()).isEqualTo("down");
        assertThat(failed.path("tenant").asText()).isEqualTo(tenant);
        assertThat(failed.path("attempts")).hasSize(3);
        assertThat(failed.path("attempts").get(0).path("target").asText()).isEqualTo("http://127.0.0.1:" + closedPort);
        assertThat(failed.path("attempts").get(0).path("errorCode").asText()).isEqualTo("upstream_connect_failed");
        assertThat(failed.path("attempts").get(0).path("startedAt").asText()).isNotBlank();
        JsonNode ok = find(page, ids.get(200));
        assertThat(ok.path("path").asText()).isEqualTo("/echo/hello");
        assertThat(ok.path("query").asText()).isEqualTo("x=1&api_key=REDACTED");
        assertThat(ok.path("attempts")).hasSize(1);
        assertThat(ok.path("attempts").get(0).path("status").asInt()).isEqualTo(200);
        assertThat(ok.path("method").asText()).isEqualTo("GET");
        assertThat(ok.path("clientIp").asText()).isEqualTo("127.0.0.1");
        JsonNode signedIn = find(page, ids.get(201));
        assertThat(signedIn.path("credentialId").asText()).isEqualTo(key.path("id").asText());
        assertThat(signedIn.path("credentialType").asText()).isEqualTo("BASIC");
        assertThat(find(page, ids.get(404)).path("errorCode").asText()).isEqualTo("route_not_found");
        assertThat(find(page, ids.get(401)).path("status").asInt()).isEqualTo(401);

        JsonNode byCredential = logs(tenant, "credential=" + key.path("id").asText());
        assertThat(requestIds(byCredential)).containsExactly(ids.get(201));

        // the stored blocks as text: their strings are UTF-8, so whatever was stored can be found in them
        List<Map<String, Object>> blocks = jdbc.queryForList("SELECT * FROM request_log_block b JOIN "
                + "request_log_block_rows r ON r.block_id = b.id WHERE b.tenant_slug = ?", tenant);
        assertThat(blocks.stream().mapToLong(b -> ((Number) b.get("ROW_COUNT")).longValue()).sum()).isEqualTo(5);
        StringBuilder stored = new StringBuilder(blocks.toString());
        blocks.forEach(b -> stored.append(new String((byte[]) b.get("ROWS_DATA"), StandardCharsets.UTF_8)));
        String everything = stored.toString();
        assertThat(everything).contains("/echo/hello", "x=1&api_key=REDACTED");
        assertThat(everything).doesNotContain(password, "wrong-Pa55word-XYZ", basic.substring(6), wrong.substring(6),
                "sk-QUERY-SECRET", "Authorization");
    }

    private String call(String path, String authorization, int status) {
        var request = gateway.request(path).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = gateway.send(request.build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static JsonNode find(JsonNode page, String requestId) {
        for (JsonNode item : page.path("items")) {
            if (item.path("requestId").asText().equals(requestId)) {
                return item;
            }
        }
        throw new AssertionError("no " + requestId + " in " + page);
    }

    @Test
    void everyFilterNarrowsTheTenantsRows() {
        String tenant = api.createTenant("filt");
        Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        writer.accept(LogSeeds.call(tenant, t0, "a", 200, "cred-a", "/a/one", "rid-00000001"));
        writer.accept(LogSeeds.call(tenant, t0.plusSeconds(1), "a", 502, "cred-a", "/a/two", "rid-00000002"));
        writer.accept(LogSeeds.call(tenant, t0.plusSeconds(2), "b", 503, "cred-b", "/b/three_100%", "rid-00000003"));
        writer.accept(LogSeeds.call(tenant, t0.plusSeconds(3), "b", 404, null, "/b/four", "rid-00000004"));
        writer.accept(LogSeeds.call(tenant, t0.plusSeconds(4), null, 401, null, "/c/five", "rid-00000005"));
        LogSeeds.drain(writer);

        assertThat(requestIds(logs(tenant, ""))).containsExactly("rid-00000005", "rid-00000004", "rid-00000003",
                "rid-00000002", "rid-00000001");
        assertThat(requestIds(logs(tenant, "route=a"))).containsExactly("rid-00000002", "rid-00000001");
        assertThat(requestIds(logs(tenant, "status=5xx"))).containsExactly("rid-00000003", "rid-00000002");
        assertThat(requestIds(logs(tenant, "status=502"))).containsExactly("rid-00000002");
        assertThat(requestIds(logs(tenant, "status=4XX"))).containsExactly("rid-00000005", "rid-00000004");
        assertThat(requestIds(logs(tenant, "status=500"))).isEmpty();
        assertThat(requestIds(logs(tenant, "credential=cred-b"))).containsExactly("rid-00000003");
        assertThat(requestIds(logs(tenant, "from=" + enc(t0.plusSeconds(1).toString()) + "&to="
                + enc(t0.plusSeconds(3).toString())))).containsExactly("rid-00000003", "rid-00000002");
        assertThat(requestIds(logs(tenant, "from=" + enc(t0.plusSeconds(3).atOffset(java.time.ZoneOffset.ofHours(2))
                .toString())))).containsExactly("rid-00000005", "rid-00000004");
        assertThat(requestIds(logs(tenant, "q=rid-00000004"))).containsExactly("rid-00000004");
        assertThat(requestIds(logs(tenant, "q=three"))).containsExactly("rid-00000003");
        assertThat(requestIds(logs(tenant, "q=" + enc("_100%")))).containsExactly("rid-00000003");
        assertThat(requestIds(logs(tenant, "q=" + enc("%")))).containsExactly("rid-00000003");
        assertThat(requestIds(logs(tenant, "q=" + enc("/b/")))).containsExactly("rid-00000004", "rid-00000003");
        assertThat(requestIds(logs(tenant, "route=b&status=5xx&credential=cred-b&q=three")))
                .containsExactly("rid-00000003");
        assertThat(requestIds(logs(tenant, "route=a&status=4xx"))).isEmpty();
    }

    @Test
    void keysetPagingStaysStableWhileNewRowsArrive() {
        String tenant = api.createTenant("page");
        Instant t0 = Instant.now().minus(2, ChronoUnit.HOURS);
        List<String> original = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // pairs share a timestamp, so the id breaks ties
            String id = String.format("orig-%05d", i);
            original.add(0, id);
            writer.accept(LogSeeds.call(tenant, t0.plusMillis(i / 2 * 10), "r", 200, null, "/p/" + i, id));
        }
        LogSeeds.drain(writer);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = logs(tenant, "limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            seen.addAll(requestIds(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
            for (int i = 0; i < 20; i++) { // newer calls land between page reads
                writer.accept(LogSeeds.call(tenant, Instant.now(), "r", 200, null, "/new", "new-" + pages + "-" + i));
            }
            LogSeeds.drain(writer);
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        // ties at equal timestamps come out newest id first, as the ids were written in order
        assertThat(seen).doesNotHaveDuplicates().containsExactlyElementsOf(original);
    }

    @Test
    void badParametersAreProblemsWithFieldErrors() {
        String tenant = api.createTenant("bad");

        expectFieldError(api.get("/tenants/" + tenant + "/logs?limit=1001"), "limit");
        expectFieldError(api.get("/tenants/" + tenant + "/logs?limit=0"), "limit");
        expectFieldError(api.get("/tenants/" + tenant + "/logs?limit=lots"), "limit");
        expectFieldError(api.get("/tenants/" + tenant + "/logs?status=5yy"), "status");
        expectFieldError(api.get("/tenants/" + tenant + "/logs?from=yesterday"), "from");
        expectFieldError(api.get("/tenants/" + tenant + "/logs?to=2026-11-26"), "to");
        expectFieldError(api.get("/tenants/" + tenant + "/logs?cursor=AAAA"), "cursor");
        expectFieldError(api.get("/tenants/" + tenant + "/logs.csv?status=9xx"), "status");
        assertThat(expect(api.get("/tenants/" + tenant + "/logs?limit=1000"), 200).path("items")).isEmpty();
    }

    @Test
    void aTamperedCursorIsRefused() {
        String tenant = api.createTenant("tamper");
        for (int i = 0; i < 3; i++) {
            writer.accept(LogSeeds.call(tenant, Instant.now(), "r", 200, null, "/x", "tamper-000" + i));
        }
        LogSeeds.drain(writer);
        String cursor = logs(tenant, "limit=1").path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        char last = cursor.charAt(cursor.length() - 3);
        String tampered = cursor.substring(0, cursor.length() - 3) + (last == 'A' ? 'B' : 'A') + cursor.substring(cursor.length() - 2);

        expectFieldError(api.get("/tenants/" + tenant + "/logs?limit=1&cursor=" + tampered), "cursor");
        assertThat(requestIds(logs(tenant, "limit=1&cursor=" + cursor))).containsExactly("tamper-0001");
    }

    @Test
    void anUnknownTenantIs404AndTheApiNeedsAnAdmin() {
        HttpResponse<String> logs = api.get("/tenants/no-such-tenant-abc/logs");
        HttpResponse<String> csv = api.get("/tenants/no-such-tenant-abc/logs.csv");

        assertThat(logs.statusCode()).isEqualTo(404);
        assertThat(csv.statusCode()).isEqualTo(404);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(api.sendAs(null, null, "GET", "/tenants/x/logs", null).statusCode()).isEqualTo(401);
        assertThat(api.sendAs("admin", "wrong", "GET", "/tenants/x/logs.csv", null).statusCode()).isEqualTo(401);
    }

    @Test
    void oneTenantNeverSeesAnothersCallsInTheApiOrTheExport() {
        String a = api.createTenant("scope-a");
        String b = api.createTenant("scope-b");
        for (int i = 0; i < 30; i++) {
            writer.accept(LogSeeds.call(a, Instant.now(), "shared", 200, "cred", "/shared", "a-call-" + i));
            writer.accept(LogSeeds.call(b, Instant.now(), "shared", 200, "cred", "/shared", "b-call-" + i));
        }
        gateway.get("/" + a + "/nothing-here");
        LogSeeds.drain(writer);

        JsonNode pageA = logs(a, "limit=1000&route=shared");
        assertThat(requestIds(pageA)).hasSize(30).allMatch(id -> id.startsWith("a-call-"));
        assertThat(requestIds(logs(b, "limit=1000&q=a-call-1"))).isEmpty();
        assertThat(requestIds(logs(b, "limit=1000"))).hasSize(30).allMatch(id -> id.startsWith("b-call-"));
        String body = api.get("/tenants/" + b + "/logs.csv").body();
        assertThat(body).doesNotContain("a-call-").contains("b-call-0");
        assertThat(body.split("\r\n")).hasSize(31);
        String nextA = logs(a, "limit=5").path("nextCursor").asText();
        assertThat(requestIds(logs(b, "limit=1000&cursor=" + nextA))).allMatch(id -> id.startsWith("b-call-"));
    }

    @Test
    void theCsvExportIsEscapedGuardedAndFiltered() {
        String tenant = api.createTenant("csv");
        Instant t0 = Instant.parse("2026-11-01T10:00:00Z");
        writer.accept(LogSeeds.call(tenant, t0, "r", 200, null, "/x,y\"z", "csv-00000001"));
        writer.accept(LogSeeds.call(tenant, t0.plusSeconds(1), "r", 502, null, "=cmd|' /C calc'!A0", "csv-00000002"));
        writer.accept(LogSeeds.call(tenant, t0.plusSeconds(2), "other", 200, null, "/other", "csv-00000003"));
        LogSeeds.drain(writer);

        HttpResponse<String> response = api.get("/tenants/" + tenant + "/logs.csv?route=r");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                assertThat(d).contains("attachment").contains(tenant));
        String[] lines = response.body().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("id,requestId,timestamp,tenant,route,credentialId,credentialType,method,path,"
                + "query,status,errorCode,latencyMs,upstreamLatencyMs,clientIp,bytesIn,bytesOut,attempts");
        assertThat(lines[1]).contains(",csv-00000002,2026-11-01T10:00:01Z," + tenant + ",r,,,GET,'=cmd|' /C calc'!A0,,502,"
                + "upstream_connect_failed,5,1,127.0.0.1,0,42,\"[{\"\"provider\"\":\"\"p\"\"");
        assertThat(lines[2]).contains(",csv-00000001,").contains(",\"/x,y\"\"z\",");
    }

    @Test
    void retentionDeletesOnlyRowsOlderThanTheCutoff() {
        String tenant = api.createTenant("old");
        Instant now = Instant.now();
        for (int i = 0; i < 25; i++) {
            writer.accept(LogSeeds.call(tenant, now.minus(40 + i, ChronoUnit.DAYS), "r", 200, null, "/old", "old-" + i));
        }
        writer.accept(LogSeeds.call(tenant, now.minus(1, ChronoUnit.DAYS), "r", 200, null, "/new", "recent-1"));
        LogSeeds.drain(writer);

        long deleted = retention.purgeOlderThan(now.minus(30, ChronoUnit.DAYS));

        assertThat(deleted).isGreaterThanOrEqualTo(25);
        assertThat(requestIds(logs(tenant, ""))).containsExactly("recent-1");
    }

    @Test
    void theLogIsFlushedAfterTheGatewayListenerHasStopped() {
        // SmartLifecycle stops higher phases first: the listener's last calls are queued before the final flush
        assertThat(RequestLogWriter.PHASE).isLessThan(gatewayServer.getPhase());
        assertThat(writer.isRunning()).isTrue();
    }

    @Test
    void theCountersAddUp() {
        writer.accept(LogSeeds.call(api.createTenant("count"), Instant.now(), "r", 200, null, "/c", "count-0001"));
        LogSeeds.drain(writer);
        var counters = writer.counters();
        assertThat(counters.accepted()).isEqualTo(counters.persisted() + counters.dropped() + counters.queued());
        assertThat(counters.accepted()).isPositive();
    }
}
