package io.gatehouse.gateway.proxy;

import static io.gatehouse.gateway.proxy.UpstreamExchangeAnswersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The body idle timeout: a response body that stops arriving for longer than the timeout, while its reader is ready
 * for more, fails the body and closes the connection; gaps shorter than the timeout, a reader slower than the
 * upstream, and a timeout of 0 never cut anything.
 */
class UpstreamBodyIdleTimeoutTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    private static final long IDLE_MS = 300;

    private final ClientFixture client = new ClientFixture();
    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        client.close();
        upstream.close();
    }

    @Test
    void aBodyThatStopsArrivingFailsAfterTheIdleTimeoutAndTheConnectionIsClosed() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\npart\r\n");
            socket.hang();
        });
        long start = System.nanoTime();
        UpstreamAnswer answer = client.answer(idle(ClientFixture.get(upstream.target(), "/sse"), IDLE_MS));

        Throwable failure = BodyProbe.failureOf(answer.body());

        assertThat(failure).isInstanceOf(UpstreamExchange.BodyStalledException.class)
                .hasMessageContaining("no response body data for " + IDLE_MS + " ms");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(IDLE_MS);
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
        assertThat(client.idle(upstream.target())).isZero();
    }

    @Test
    void gapsShorterThanTheTimeoutAddUpToMoreThanItWithoutCuttingTheBody() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 4; i++) {
                Thread.sleep(IDLE_MS / 2);
                socket.send("1\r\n" + i + "\r\n");
            }
            socket.send("0\r\n\r\n");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(idle(ClientFixture.get(upstream.target(), "/sse"), IDLE_MS));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("0123");
        assertThat(client.idle(upstream.target())).isEqualTo(1);
    }

    @Test
    void aReaderSlowerThanTheUpstreamIsNotMistakenForAStalledUpstream() throws Exception {
        int size = 4 * 1024 * 1024;
        byte[] body = TestBodies.pattern(size);
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.smallSendBuffer();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n");
            socket.send(body);
            socket.hang();
        });
        UpstreamAnswer answer = client.answer(idle(ClientFixture.get(upstream.target(), "/download"), IDLE_MS));
        Channel channel = client.onlyConnection();
        // nobody reads the body for three timeouts: the client pauses reading, and that is not a stall
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !channel.config().isAutoRead());
        client.waitOnLoop(3 * IDLE_MS);

        assertThat(BodyProbe.read(answer.body())).isEqualTo(body);
        assertThat(client.idle(upstream.target())).isEqualTo(1);
    }

    @Test
    void aTimeoutOfZeroNeverCutsABody() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nslow");
            Thread.sleep(3 * IDLE_MS);
            socket.send("body");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(idle(ClientFixture.get(upstream.target(), "/"), 0));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("slowbody");
    }

    private static UpstreamRequest idle(UpstreamRequest request, long idleMs) {
        return ClientFixture.withBodyIdleTimeout(request, idleMs);
    }
}
