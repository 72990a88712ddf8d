package io.gatehouse.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.gateway.AdminApi;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Upstreams that break the HTTP conversation at the socket level - garbage instead of a response, a reset before or
 * during the response, half a head, silence, dropped keep-alive connections - and what the caller sees (contract §4:
 * the error code, the attempts, how often the upstream was hit, and that nothing hangs).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class MisbehavingUpstreamTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Backoff small enough that retries never dominate the timings below. */
    private static final Map<String, Object> FAST_BACKOFF = Map.of("initialBackoffMs", 1, "maxBackoffMs", 2);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int adminPort;
    @Autowired
    GatewayServer gateway;
    AdminApi admin;
    String tenant;

    @BeforeEach
    void tenant() {
        admin = new AdminApi(adminPort);
        tenant = admin.createTenant("mis");
    }

    // --- 1. not HTTP at all -------------------------------------------------------------------------------------

    @Test
    void aTextLineThatIsNotAStatusLineIs502InvalidResponseAndTheConnectionIsNotReused() throws Exception {
        CountDownLatch garbageConnectionClosed = new CountDownLatch(1);
        AtomicInteger requestsOnGarbageConnection = new AtomicInteger();
        try (RawSocketUpstream up = new RawSocketUpstream(conn -> {
            if (conn.index() == 1) {
                conn.readRequest();
                requestsOnGarbageConnection.incrementAndGet();
                conn.write("HELLO\r\n\r\n");
                // a second request here would mean the gateway put a broken connection back in its pool
                while (conn.readRequest() != null) {
                    requestsOnGarbageConnection.incrementAndGet();
                    conn.respond(200, "reused");
                }
                garbageConnectionClosed.countDown();
                return;
            }
            while (conn.readRequest() != null) {
                conn.respond(200, "fine");
            }
        })) {
            route("garbage", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF));

            HttpResponse<String> response = get("/garbage/x");
            assertGatewayError(response, 502, "upstream_invalid_response", 1);
            assertThat(message(response)).contains(up.address());
            assertThat(up.hits.get()).isEqualTo(1);
            assertThat(garbageConnectionClosed.await(5, TimeUnit.SECONDS))
                    .as("the gateway closes the connection that answered garbage").isTrue();

            HttpResponse<String> next = get("/garbage/y");
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            assertThat(next.body()).isEqualTo("fine");
            assertThat(requestsOnGarbageConnection.get()).isEqualTo(1);
            assertThat(up.connections.get()).isEqualTo(2);
        }
    }

    @Test
    void aNonHttpStatusLineIsExplainedAsNotHttpWithThePhase() throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.write("HELLO\r\n\r\n");
            conn.awaitPeerClose();
            return false;
        })) {
            route("hello", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF));
            HttpResponse<String> response = get("/hello");
            assertGatewayError(response, 502, "upstream_invalid_response", 1);
            assertThat(message(response)).contains(up.address()).contains("not valid HTTP")
                    .contains("reading response head").doesNotContain("IllegalArgumentException");
        }
    }

    @Test
    void binaryGarbageIs502InvalidResponseNamingTheTarget() throws Exception {
        byte[] garbage = new byte[8192];
        new Random(42).nextBytes(garbage);
        for (int i = 0; i < garbage.length; i++) {
            if (garbage[i] == '\r' || garbage[i] == '\n') {
                garbage[i] = 'x';
            }
        }
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.write(garbage);
            conn.awaitPeerClose();
            return false;
        })) {
            route("binary", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF));
            long start = System.nanoTime();
            HttpResponse<String> response = get("/binary");
            assertGatewayError(response, 502, "upstream_invalid_response", 1);
            assertThat(message(response)).contains(up.address());
            assertThat(millisSince(start)).isLessThan(5_000L);
            // "reset" is not in the default retryOn, and garbage counts as a reset: no retry
            assertThat(up.hits.get()).isEqualTo(1);
        }
    }

    // --- 2. RST before any response byte ------------------------------------------------------------------------

    @Test
    void aResetBeforeAnyResponseByteIs502UpstreamResetAndNotRetriedByDefault() throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.reset();
            return false;
        })) {
            route("rst", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF)); // default retryOn: no "reset"
            long start = System.nanoTime();
            HttpResponse<String> response = get("/rst");
            assertGatewayError(response, 502, "upstream_reset", 1);
            assertThat(message(response)).contains(up.address());
            assertThat(up.hits.get()).isEqualTo(1);
            assertThat(millisSince(start)).isLessThan(5_000L);
        }
    }

    @Test
    void withResetInRetryOnAGetIsTriedMaxAttemptsTimes() throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.reset();
            return false;
        })) {
            route("rst3", up.url(), Map.of(), Map.of("retry", retry(3, "reset")));
            HttpResponse<String> response = get("/rst3");
            assertGatewayError(response, 502, "upstream_reset", 3);
            assertThat(message(response)).contains("3 attempts");
            assertThat(up.hits.get()).isEqualTo(3);
        }
    }

    @Test
    void withResetInRetryOnAResetThenAnAnswerGivesTheCallerTheAnswer() throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            if (request.hit() == 1) {
                conn.reset();
                return false;
            }
            conn.respond(200, "second try");
            return true;
        })) {
            route("rstok", up.url(), Map.of(), Map.of("retry", retry(3, "reset")));
            HttpResponse<String> response = get("/rstok");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("second try");
            assertThat(response.headers().firstValue("X-Gateway-Attempts")).hasValue("2");
            assertThat(up.hits.get()).isEqualTo(2);
        }
    }

    // --- 3. half a head, then close -----------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"HTTP/1.1 200 OK\r\nContent-Le", "HTTP/1.1 20", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"})
    void halfAResponseHeadThenCloseIs502UpstreamReset(String partialHead) throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.write(partialHead);
            return false; // closed with a FIN
        })) {
            route("half", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF));
            long start = System.nanoTime();
            HttpResponse<String> response = get("/half");
            // contract §4: "connection closed or reset before a full response head" = upstream_reset
            assertGatewayError(response, 502, "upstream_reset", 1);
            assertThat(message(response)).contains(up.address());
            assertThat(up.hits.get()).isEqualTo(1);
            assertThat(millisSince(start)).isLessThan(5_000L);
        }
    }

    // --- 4. silence ---------------------------------------------------------------------------------------------

    @Test
    void anUpstreamThatNeverAnswersTimesOutPerTryAndIsRetriedWhenTimeoutIsInRetryOn() throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.hang();
            return false;
        })) {
            route("silent", up.url(), Map.of("responseTimeoutMs", 300), Map.of("retry", retry(2, "timeout")));
            long start = System.nanoTime();
            HttpResponse<String> response = get("/silent");
            long elapsed = millisSince(start);
            assertGatewayError(response, 504, "upstream_timeout", 2);
            assertThat(message(response)).contains(up.address()).contains("300 ms");
            assertThat(up.hits.get()).isEqualTo(2);
            assertThat(elapsed).isBetween(550L, 3_000L);
        }
    }

    // --- 5. reset in the middle of the body ---------------------------------------------------------------------

    @Test
    void aResetMidBodyEndsTheCallersResponseInsteadOfHangingAndIsNeverRetried() throws Exception {
        CountDownLatch reset = new CountDownLatch(1);
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.write("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n");
            conn.write("a".repeat(100));
            // let the head and first bytes reach the gateway before the RST overtakes them
            Thread.sleep(200);
            conn.reset();
            reset.countDown();
            return false;
        })) {
            route("midbody", up.url(), Map.of(), Map.of("retry", retry(3, "reset", "502")));
            long start = System.nanoTime();
            RawExchange exchange = rawGet("/" + tenant + "/midbody", 15_000);
            long elapsed = millisSince(start);
            assertThat(reset.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(exchange.timedOut()).as("the caller's read hung after the upstream reset").isFalse();
            assertThat(exchange.status()).isEqualTo(200);
            assertThat(exchange.body().length).as("body bytes the caller got").isLessThan(1000);
            assertThat(elapsed).isLessThan(10_000L);
            // a response already streaming is never retried
            assertThat(up.awaitHits(2, 500)).isFalse();
            assertThat(up.hits.get()).isEqualTo(1);
        }
    }

    // --- 6. POST and reset --------------------------------------------------------------------------------------

    @Test
    void aPostResetAfterItWasReadIsNotRetriedWithoutAnIdempotencyKey() throws Exception {
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            bodies.add(request.bodyText());
            conn.reset();
            return false;
        })) {
            route("post", up.url(), Map.of(), Map.of("retry", retry(3, "reset")));
            HttpResponse<String> response = send("POST", "/post", "{\"order\":1}", Map.of());
            assertGatewayError(response, 502, "upstream_reset", 1);
            assertThat(up.hits.get()).isEqualTo(1);

            HttpResponse<String> keyed = send("POST", "/post", "{\"order\":2}", Map.of("Idempotency-Key", "order-2"));
            assertGatewayError(keyed, 502, "upstream_reset", 3);
            assertThat(up.hits.get()).isEqualTo(4);
            assertThat(bodies).containsExactly("{\"order\":1}", "{\"order\":2}", "{\"order\":2}", "{\"order\":2}");
        }
    }

    @Test
    void aPostWithAnIdempotencyKeyIsStillNotRetriedOnResetWhenResetIsNotInRetryOn() throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            conn.reset();
            return false;
        })) {
            route("postdef", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF)); // default retryOn
            HttpResponse<String> keyed = send("POST", "/postdef", "{}", Map.of("Idempotency-Key", "k-1"));
            assertGatewayError(keyed, 502, "upstream_reset", 1);
            assertThat(up.hits.get()).isEqualTo(1);
        }
    }

    // --- 7. keep-alive connections the upstream drops -----------------------------------------------------------

    @Test
    void anUpstreamClosingEveryConnectionRightAfterItsResponseKeepsWorking() throws Exception {
        try (RawSocketUpstream up = RawSocketUpstream.perRequest((request, conn) -> {
            // no "Connection: close", yet the connection is closed right after the response
            conn.respond(200, "hit " + request.hit());
            return false;
        })) {
            route("dropper", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF));
            for (int i = 1; i <= 20; i++) {
                HttpResponse<String> response = get("/dropper");
                assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("hit " + i);
                Thread.sleep(50); // a gap between calls, as a real client has (not synchronisation)
            }
            assertThat(up.hits.get()).isEqualTo(20);
            assertThat(up.connections.get()).isEqualTo(20);
        }
    }

    @Test
    void anUpstreamClosingIdleKeepAliveConnectionsAfterAShortIdleKeepsWorking() throws Exception {
        try (RawSocketUpstream up = new RawSocketUpstream(conn -> {
            RawSocketUpstream.Request request;
            while ((request = conn.readRequest()) != null) {
                conn.respond(200, "hit " + request.hit());
                // an idle keep-alive timeout of 50 ms: wait that long for the next request, then close
                if (conn.closeIfIdleFor(50)) {
                    return;
                }
            }
        })) {
            route("idler", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF));
            for (int i = 1; i <= 20; i++) {
                HttpResponse<String> response = get("/idler");
                assertThat(response.statusCode()).as("request %d: %s", i, response.body()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("hit " + i);
                Thread.sleep(300); // a client pausing longer than the upstream's idle timeout (not synchronisation)
            }
            assertThat(up.hits.get()).isEqualTo(20);
            assertThat(up.connections.get()).isEqualTo(20);
        }
    }

    /**
     * The stale keep-alive race made deterministic: the upstream answers on a keep-alive connection, then - as if its
     * idle timer fired just as the gateway reused the connection - reads the next request and closes without a byte
     * of response. README (the idle keep-alive race: "the gateway retries the request once, at once, on another
     * connection") promises the caller never sees this failure, and the attempt list records it.
     */
    @Test
    void aGetOnAReusedConnectionThatTheUpstreamDroppedBeforeAnsweringIsRetriedTransparently() throws Exception {
        AtomicInteger droppedOnReusedConnection = new AtomicInteger();
        try (RawSocketUpstream up = new RawSocketUpstream(conn -> {
            if (conn.index() == 1) {
                if (conn.readRequest() == null) {
                    return;
                }
                conn.respond(200, "first"); // keep-alive: no Connection: close
                if (conn.readRequest() != null) {
                    droppedOnReusedConnection.incrementAndGet(); // closed (FIN) without a response byte
                }
                return;
            }
            while (conn.readRequest() != null) {
                conn.respond(200, "fresh connection");
            }
        })) {
            route("stale", up.url(), Map.of(), Map.of("retry", FAST_BACKOFF)); // default retryOn
            HttpResponse<String> first = get("/stale");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).isEqualTo("first");

            HttpResponse<String> second = get("/stale");
            assertThat(droppedOnReusedConnection.get()).as("the second request went on the reused connection").isEqualTo(1);
            assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
            assertThat(second.body()).isEqualTo("fresh connection");
            // the gateway's own retry, not a hidden one in the HTTP client: the dropped attempt is on record
            assertThat(second.headers().firstValue("X-Gateway-Attempts")).hasValue("2");
            assertThat(up.connections.get()).isEqualTo(2);
        }
    }

    // --- isolation ----------------------------------------------------------------------------------------------

    @Test
    void twentyCallsHungOnOneUpstreamDoNotSlowDownAnotherRoute() throws Exception {
        try (RawSocketUpstream hung = RawSocketUpstream.perRequest((request, conn) -> {
            conn.hang();
            return false;
        });
             ScriptedUpstream healthy = new ScriptedUpstream((hit, ex) -> ScriptedUpstream.reply(ex, 200, "ok " + hit))) {
            route("hung", hung.url(), Map.of("responseTimeoutMs", 20_000), Map.of("retry", Map.of("maxAttempts", 1)));
            route("healthy", healthy.url(), Map.of(), Map.of());

            List<CompletableFuture<HttpResponse<String>>> hungCalls = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                hungCalls.add(http.sendAsync(request("GET", "/hung/" + i, null, Map.of()),
                        HttpResponse.BodyHandlers.ofString()));
            }
            assertThat(hung.awaitHits(20, 15_000)).as("all 20 calls reached the hung upstream").isTrue();
            assertThat(hungCalls).noneMatch(CompletableFuture::isDone);

            for (int i = 1; i <= 5; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = get("/healthy");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).isEqualTo("ok " + i);
                assertThat(millisSince(start)).as("healthy call %d while 20 calls hang", i).isLessThan(1_000L);
            }

            hung.close(); // FIN on every hung connection: no response head came
            for (CompletableFuture<HttpResponse<String>> call : hungCalls) {
                HttpResponse<String> response = call.get(10, TimeUnit.SECONDS);
                assertGatewayError(response, 502, "upstream_reset", 1);
            }
            assertThat(hung.hits.get()).isEqualTo(20);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static Map<String, Object> retry(int maxAttempts, String... retryOn) {
        Map<String, Object> retry = new HashMap<>(FAST_BACKOFF);
        retry.put("maxAttempts", maxAttempts);
        retry.put("retryOn", List.of(retryOn));
        return retry;
    }

    private void route(String name, String url, Map<String, Object> providerExtra, Map<String, Object> routeExtra)
            throws Exception {
        Map<String, Object> provider = new HashMap<>(providerExtra);
        provider.put("name", name + "-up");
        provider.put("targets", List.of(Map.of("url", url)));
        admin.createProvider(tenant, JSON.writeValueAsString(provider));
        Map<String, Object> route = new HashMap<>(routeExtra);
        route.put("name", name);
        route.put("pathPrefix", "/" + name);
        route.put("provider", name + "-up");
        route.put("public", true);
        admin.createRoute(tenant, JSON.writeValueAsString(route));
    }

    private static void assertGatewayError(HttpResponse<String> response, int status, String code, int attempts)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("attempts").asInt()).as(response.body()).isEqualTo(attempts);
        assertThat(response.headers().firstValue("X-Gateway-Attempts")).hasValue(Integer.toString(attempts));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    private static String message(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body()).get("error").get("message").asText();
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null, Map.of());
    }

    private HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
            throws Exception {
        return http.send(request(method, path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/"
                        + tenant + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return builder.build();
    }

    /** What a caller saw on a raw connection: the status, the body bytes before the end, and whether it hung. */
    private record RawExchange(int status, byte[] body, boolean timedOut) {
    }

    /** A GET on a fresh raw connection, read until EOF, reset or {@code readTimeoutMs} of silence. */
    private RawExchange rawGet(String path, int readTimeoutMs) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", gateway.port()), 5_000);
            socket.setSoTimeout(readTimeoutMs);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            boolean timedOut = false;
            byte[] buffer = new byte[4096];
            try {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    all.write(buffer, 0, read);
                }
            } catch (SocketTimeoutException e) {
                timedOut = true;
            } catch (IOException e) {
                // connection reset by the gateway: an aborted body, which is what we want to see
            }
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            assertThat(end).as("a response head arrived: %s", text).isPositive();
            int status = Integer.parseInt(text.substring(0, text.indexOf("\r\n")).split(" ")[1]);
            byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
            return new RawExchange(status, body, timedOut);
        }
    }
}
