package io.gatehouse.gateway.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.gateway.upstream.Cidr;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetDiagnosisTest {
    private static final UpstreamAddressPolicy LOOPBACK_ALLOWED = new UpstreamAddressPolicy(List.of(Cidr.parse("127.0.0.0/8")));
    private final TargetDiagnosis diagnosis = new TargetDiagnosis(LOOPBACK_ALLOWED, Duration.ofMillis(500));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aRefusedPortFailsAtTcpConnectAfterDnsAndPolicyPassed() throws IOException {
        int port = closedPort();
        List<DiagnosisStep> seen = new ArrayList<>();

        List<DiagnosisStep> steps = diagnosis.run("http://127.0.0.1:" + port, null, seen::add);

        assertThat(steps).extracting(DiagnosisStep::name).containsExactly("DNS", "Address policy", "TCP connect");
        assertThat(steps).extracting(DiagnosisStep::ok).containsExactly(true, true, false);
        assertThat(steps.get(2).detail()).contains("127.0.0.1:" + port, "listening");
        assertThat(seen).isEqualTo(steps);
    }

    @Test
    void aListeningServerPassesEveryStepAndAnswersTheHealthPath() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/base/health", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        open.add(() -> server.stop(0));

        List<DiagnosisStep> steps = diagnosis.run("http://127.0.0.1:" + server.getAddress().getPort() + "/base",
                "/health", null);

        assertThat(steps).extracting(DiagnosisStep::name).containsExactly("DNS", "Address policy", "TCP connect", "HTTP");
        assertThat(steps).allMatch(DiagnosisStep::ok);
        assertThat(steps.get(3).detail()).contains("GET /base/health", "204");
    }

    @Test
    void withoutAHealthPathItSendsHeadSlashAndReportsARedirectWithoutFollowingIt() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://elsewhere.example/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        open.add(() -> server.stop(0));

        List<DiagnosisStep> steps = diagnosis.run("http://localhost:" + server.getAddress().getPort(), "", null);

        DiagnosisStep http = steps.get(steps.size() - 1);
        assertThat(http.ok()).isTrue();
        assertThat(http.detail()).contains("HEAD /", "302", "redirect to http://elsewhere.example/ not followed");
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOutAtTheHttpStep() throws IOException {
        ServerSocket hanging = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        open.add(hanging);
        List<Socket> accepted = new ArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                accepted.add(hanging.accept());
            } catch (IOException ignored) {
                // closed at the end of the test
            }
        });
        acceptor.start();

        long start = System.nanoTime();
        List<DiagnosisStep> steps = diagnosis.run("http://127.0.0.1:" + hanging.getLocalPort(), "/health", null);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        DiagnosisStep http = steps.get(steps.size() - 1);
        assertThat(http.name()).isEqualTo("HTTP");
        assertThat(http.ok()).isFalse();
        assertThat(http.detail()).contains("no response head within 500 ms");
        assertThat(elapsedMs).isBetween(400L, 5_000L);
    }

    @Test
    void aBlockedAddressStopsBeforeConnectingWithTheAllowlistHint() {
        TargetDiagnosis strict = new TargetDiagnosis(new UpstreamAddressPolicy(List.of()), Duration.ofMillis(500));

        List<DiagnosisStep> steps = strict.run("http://127.0.0.1:1", null, null);

        assertThat(steps).extracting(DiagnosisStep::name).containsExactly("DNS", "Address policy");
        assertThat(steps.get(1).ok()).isFalse();
        assertThat(steps.get(1).detail()).contains("loopback", "PLATFORM_UPSTREAM_ALLOWLIST");
    }

    @Test
    void aNonCanonicalNumericHostIsRefusedBeforeAnyLookup() {
        List<DiagnosisStep> steps = diagnosis.run("http://0x7f000001:80", null, null);

        assertThat(steps).hasSize(1);
        assertThat(steps.get(0).ok()).isFalse();
        assertThat(steps.get(0).detail()).contains("canonical");
    }

    @Test
    void somethingThatIsNotAnHttpUrlFailsAtTheUrlStep() {
        assertThat(diagnosis.run("ftp://example.com", null, null)).extracting(DiagnosisStep::name).containsExactly("URL");
        assertThat(diagnosis.run("not a url", null, null)).extracting(DiagnosisStep::ok).containsExactly(false);
    }

    @Test
    void aServerSpeakingSomethingElseIsNotHttp() throws IOException {
        ServerSocket garbage = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        open.add(garbage);
        new Thread(() -> {
            try (Socket s = garbage.accept()) {
                s.getOutputStream().write("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes());
            } catch (IOException ignored) {
                // closed at the end of the test
            }
        }).start();

        List<DiagnosisStep> steps = diagnosis.run("http://127.0.0.1:" + garbage.getLocalPort(), null, null);

        assertThat(steps.get(steps.size() - 1).detail()).contains("not HTTP");
    }

    @Test
    void healthPathsJoinTheTargetsBasePath() {
        assertThat(TargetDiagnosis.join("", "/health")).isEqualTo("/health");
        assertThat(TargetDiagnosis.join("/v1/", "health")).isEqualTo("/v1/health");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
