package io.gatehouse.auth.authn.sigv4;

import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.aksk;
import static io.gatehouse.auth.authn.sigv4.SigV4Fixtures.lookup;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.GatewayRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real {@code curl --aws-sigv4 "aws:amz:us-east-1:gateway"} requests, captured by a local HTTP server, verify. Proves
 * interoperability with curl as the contract (§3, AKSK) promises. Skipped when curl is not installed.
 */
class SigV4CurlInteropTest {
    private static final String AK = "AKIDCURLEXAMPLE01";
    private static final String SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYCURLKEY";

    private final CredentialLookup lookup = lookup(aksk(AK, SK));
    private final AtomicReference<GatewayRequest> captured = new AtomicReference<>();
    private HttpServer server;

    @BeforeAll
    static void requireCurl() {
        String version;
        try {
            Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
            version = new String(p.getInputStream().readAllBytes());
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            version = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            version = null;
        }
        Assumptions.assumeTrue(version != null && version.startsWith("curl "),
                "curl is not installed: skipping the curl --aws-sigv4 interoperability test");
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) ->
                    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
            byte[] body = exchange.getRequestBody().readAllBytes();
            captured.set(new GatewayRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aCurlPostWithABodyAndAnUnsortedQueryVerifies() throws Exception {
        GatewayRequest r = curl(SK, "-X", "POST", "--data", "hello", url("/acme/echo/x?b=2&a=1"));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.rawQuery()).isEqualTo("b=2&a=1");
        assertThat(new String(r.body())).isEqualTo("hello");
        SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        assertThat(verifier.verify(r, lookup, sentAt(r))).isInstanceOf(AuthResult.Verified.class);
        assertThat(verifier.verify(r, lookup, sentAt(r)))
                .isEqualTo(new AuthResult.Refused("replayed signature: sign each request anew"));
    }

    @Test
    void aCurlGetWithoutABodyVerifies() throws Exception {
        GatewayRequest r = curl(SK, url("/acme/echo/items"));
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.body()).isEmpty();
        assertThat(new SigV4Verifier(Duration.ofSeconds(300), "gateway").verify(r, lookup, sentAt(r)))
                .isInstanceOf(AuthResult.Verified.class);
    }

    @Test
    void aCurlGetWithAnEncodedPathEncodedQueryAndExtraSignedHeaderVerifies() throws Exception {
        GatewayRequest r = curl(SK, "-H", "X-Trace:  a   b ", url("/acme/a%20b/c%2Fd?z=a%20b&y=%7e&x"));
        assertThat(r.rawPath()).isEqualTo("/acme/a%20b/c%2Fd");
        assertThat(r.header("authorization")).contains("SignedHeaders=host;x-amz-date;x-trace");
        assertThat(new SigV4Verifier(Duration.ofSeconds(300), "gateway").verify(r, lookup, sentAt(r)))
                .isInstanceOf(AuthResult.Verified.class);
    }

    @Test
    void aCurlPutWithAJsonBodyVerifiesAndTheSameBodyChangedDoesNot() throws Exception {
        GatewayRequest r = curl(SK, "-X", "PUT", "-H", "Content-Type: application/json", "--data-binary",
                "{\"a\":[1,2,3]}", url("/acme/echo/doc/7"));
        SigV4Verifier verifier = new SigV4Verifier(Duration.ofSeconds(300), "gateway");
        assertThat(verifier.verify(r, lookup, sentAt(r))).isInstanceOf(AuthResult.Verified.class);
        GatewayRequest changed = new GatewayRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(),
                "{\"a\":[1,2,4]}".getBytes());
        assertThat(verifier.verify(changed, lookup, sentAt(r)))
                .isEqualTo(new AuthResult.Refused(SigV4Verifier.MISMATCH));
    }

    @Test
    void aCurlRequestSignedWithTheWrongSecretIsRefused() throws Exception {
        GatewayRequest r = curl("not-the-secret", url("/acme/echo/items"));
        assertThat(new SigV4Verifier(Duration.ofSeconds(300), "gateway").verify(r, lookup, sentAt(r)))
                .isEqualTo(new AuthResult.Refused(SigV4Verifier.MISMATCH));
    }

    private String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    private GatewayRequest curl(String secret, String... args) throws Exception {
        captured.set(null);
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "20", "-o", "/dev/null",
                "--aws-sigv4", "aws:amz:us-east-1:gateway", "--user", AK + ":" + secret));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("curl finished").isTrue();
        assertThat(process.exitValue()).as("curl exit code; output: " + output).isZero();
        assertThat(captured.get()).as("request captured").isNotNull();
        return captured.get();
    }

    private static Instant sentAt(GatewayRequest r) throws Refusal {
        return AmzDate.parse(r.header("x-amz-date"));
    }
}
