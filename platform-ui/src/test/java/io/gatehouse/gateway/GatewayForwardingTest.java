package io.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.RecordingUpstream.Received;
import io.gatehouse.gateway.proxy.GatewayServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** What reaches the upstream through the gateway, and what comes back to the caller. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayForwardingTest {
    private final RecordingUpstream upstream = new RecordingUpstream();
    private AdminApi api;
    private GatewayClient gateway;
    private String tenant;

    @Autowired
    GatewayServer gatewayServer;

    @LocalServerPort
    int consolePort;

    @BeforeAll
    void configureRoutes() {
        api = new AdminApi(consolePort);
        gateway = new GatewayClient(gatewayServer.port());
        tenant = api.createTenant("fwd");
        api.createProvider(tenant, "{\"name\":\"echo\",\"targets\":[{\"url\":\"" + upstream.url("")
                + "\"}],\"headers\":{\"X-Api-Key\":\"provider-key-123\"}}");
        api.createProvider(tenant, "base", upstream.url("/v1"));
        api.createPublicRoute(tenant, "echo", "/echo", "echo");
        api.createRoute(tenant, "{\"name\":\"keep\",\"pathPrefix\":\"/keep\",\"provider\":\"echo\",\"public\":true,"
                + "\"stripPrefix\":false}");
        api.createPublicRoute(tenant, "base", "/base", "base");
    }

    @AfterAll
    void stopUpstream() {
        upstream.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        upstream.clear();
    }

    @Test
    void getWithQueryAndCustomHeadersArrivesIntactWithThePrefixStripped() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/items/42?b=2&a=1&a=3&q=x%20y")
                .header("X-Custom", "one")
                .header("Accept", "application/json")
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        Received got = upstream.next();
        assertThat(got.method()).isEqualTo("GET");
        assertThat(got.rawPath()).isEqualTo("/items/42");
        assertThat(got.rawQuery()).isEqualTo("b=2&a=1&a=3&q=x%20y");
        assertThat(got.header("X-Custom")).isEqualTo("one");
        assertThat(got.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void callingThePrefixItselfForwardsTheRootPath() {
        assertThat(gateway.get("/" + tenant + "/echo").statusCode()).isEqualTo(200);
        assertThat(upstream.next().rawPath()).isEqualTo("/");
        assertThat(gateway.get("/" + tenant + "/echo?x=1").statusCode()).isEqualTo(200);
        Received withQuery = upstream.next();
        assertThat(withQuery.rawPath()).isEqualTo("/");
        assertThat(withQuery.rawQuery()).isEqualTo("x=1");
    }

    @Test
    void stripPrefixFalseForwardsThePrefixToo() {
        assertThat(gateway.get("/" + tenant + "/keep/items?x=1").statusCode()).isEqualTo(200);

        Received got = upstream.next();
        assertThat(got.rawPath()).isEqualTo("/keep/items");
        assertThat(got.rawQuery()).isEqualTo("x=1");
    }

    @Test
    void aTargetWithABasePathIsJoinedWithExactlyOneSlash() {
        assertThat(gateway.get("/" + tenant + "/base/chat/completions").statusCode()).isEqualTo(200);
        assertThat(upstream.next().rawPath()).isEqualTo("/v1/chat/completions");

        assertThat(gateway.get("/" + tenant + "/base").statusCode()).isEqualTo(200);
        assertThat(upstream.next().rawPath()).isEqualTo("/v1");
    }

    @Test
    void encodedCharactersInThePathReachTheUpstreamUndecoded() {
        assertThat(gateway.get("/" + tenant + "/echo/files/a%2Fb/c%20d/%E2%82%AC").statusCode()).isEqualTo(200);

        assertThat(upstream.next().rawPath()).isEqualTo("/files/a%2Fb/c%20d/%E2%82%AC");
    }

    @Test
    void aJsonBodyArrivesByteIdenticalAndIsEchoedBack() {
        String json = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo ✓\"}]}";

        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/chat")
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(json);
        Received got = upstream.next();
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.body()).isEqualTo(json.getBytes(StandardCharsets.UTF_8));
        assertThat(got.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void putPatchAndDeleteAreForwardedWithTheirMethod() {
        for (String method : new String[] {"PUT", "PATCH", "DELETE"}) {
            HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/thing")
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(upstream.next().method()).isEqualTo(method);
        }
    }

    @Test
    void aTwoMegabyteStreamedBodyArrivesByteIdenticalBothWays() {
        byte[] big = new byte[2 * 1024 * 1024 + 17];
        new Random(7).nextBytes(big);

        HttpResponse<byte[]> chunked = gateway.send(gateway.request("/" + tenant + "/echo/upload")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(upstream.next().body()).isEqualTo(big);
        assertThat(chunked.body()).isEqualTo(big);

        HttpResponse<byte[]> sized = gateway.send(gateway.request("/" + tenant + "/echo/upload")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(sized.statusCode()).isEqualTo(200);
        assertThat(upstream.next().body()).isEqualTo(big);
        assertThat(sized.body()).isEqualTo(big);
    }

    @Test
    void theProvidersInjectedHeaderArrivesUpstreamAndReplacesTheCallersValue() {
        gateway.send(gateway.request("/" + tenant + "/echo/x").header("X-Api-Key", "caller-supplied").GET().build());

        assertThat(upstream.next().headers("X-Api-Key")).containsExactly("provider-key-123");
    }

    @Test
    void forwardingHeadersAndARequestIdAreSetUpstream() {
        HttpResponse<String> response = gateway.get("/" + tenant + "/echo/x");

        Received got = upstream.next();
        assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(got.header("X-Forwarded-Host")).isEqualTo("127.0.0.1:" + gateway.port());
        assertThat(got.header("X-Request-Id")).isNotBlank();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(got.header("X-Request-Id"));
    }

    @Test
    void anEarlierProxyIsKeptInXForwardedForButCannotSpoofTheOtherForwardingHeaders() {
        gateway.send(gateway.request("/" + tenant + "/echo/x")
                .header("X-Forwarded-For", "203.0.113.9")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "evil.example")
                .GET().build());

        Received got = upstream.next();
        assertThat(got.headers("X-Forwarded-For")).containsExactly("203.0.113.9, 127.0.0.1");
        assertThat(got.headers("X-Forwarded-Proto")).containsExactly("http");
        assertThat(got.headers("X-Forwarded-Host")).containsExactly("127.0.0.1:" + gateway.port());
    }

    @Test
    void aValidIncomingRequestIdIsKeptUpstreamAndEchoedToTheCaller() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/x")
                .header("X-Request-Id", "caller-req-0001").GET().build());

        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("caller-req-0001");
        assertThat(upstream.next().headers("X-Request-Id")).containsExactly("caller-req-0001");
    }

    @Test
    void theCallerGetsOneRequestIdEvenWhenTheUpstreamSendsItsOwn() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/x")
                .header("X-Request-Id", "caller-req-0002")
                .header("X-Respond-Header", "X-Request-Id: upstream-made-this-up")
                .GET().build());

        assertThat(response.headers().allValues("X-Request-Id")).containsExactly("caller-req-0002");
    }

    @Test
    void aMalformedIncomingRequestIdIsReplaced() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/x")
                .header("X-Request-Id", "bad id <script>").GET().build());

        String id = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(id).isNotEqualTo("bad id <script>").matches("[0-9a-f]{32}");
        assertThat(upstream.next().header("X-Request-Id")).isEqualTo(id);
    }

    @Test
    void hopByHopHeadersOfTheCallerAreNotForwarded() throws Exception {
        GatewayClient.RawResponse response = gateway.raw("GET /" + tenant + "/echo/hop HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + gateway.port() + "\r\n"
                + "Connection: close, X-Hop-Secret\r\n"
                + "X-Hop-Secret: per-connection\r\n"
                + "Keep-Alive: timeout=5\r\n"
                + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\n"
                + "Proxy-Connection: keep-alive\r\n"
                + "TE: trailers\r\n"
                + "X-End-To-End: kept");

        assertThat(response.status()).isEqualTo(200);
        Received got = upstream.next();
        assertThat(got.headers()).doesNotContainKeys("x-hop-secret", "keep-alive", "proxy-authorization",
                "proxy-connection", "te");
        assertThat(got.headers("Connection")).noneMatch(v -> v.toLowerCase().contains("x-hop-secret"));
        assertThat(got.header("X-End-To-End")).isEqualTo("kept");
    }

    @Test
    void theUpstreamStatusAndHeadersComeBackButItsHopByHopHeadersDoNot() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/things")
                .header("X-Respond-Status", "201")
                .header("X-Respond-Header", "X-Custom-Reply: made it")
                .header("X-Respond-Header", "Location: /things/7")
                .header("X-Respond-Header", "Proxy-Authenticate: Basic realm=\"upstream\"")
                .POST(HttpRequest.BodyPublishers.ofString("{\"n\":7}")).build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("X-Custom-Reply")).hasValue("made it");
        assertThat(response.headers().firstValue("Location")).hasValue("/things/7");
        assertThat(response.headers().firstValue("Proxy-Authenticate")).isEmpty();
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.body()).isEqualTo("{\"n\":7}");
    }

    @Test
    void upstreamErrorStatusesArePassedThroughUnchanged() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/broken")
                .header("X-Respond-Status", "503")
                .header("X-Respond-Header", "Retry-After: 7")
                .POST(HttpRequest.BodyPublishers.ofString("upstream says no")).build());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(response.body()).isEqualTo("upstream says no");
    }

    @Test
    void headRequestsGetTheHeadersWithoutABody() {
        HttpResponse<String> response = gateway.send(gateway.request("/" + tenant + "/echo/x")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
        assertThat(upstream.next().method()).isEqualTo("HEAD");
    }
}
