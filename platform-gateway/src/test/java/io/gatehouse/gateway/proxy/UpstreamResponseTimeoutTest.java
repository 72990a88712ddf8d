package io.gatehouse.gateway.proxy;

import static io.gatehouse.gateway.proxy.UpstreamExchangeAnswersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The per-try response timeout: armed once the whole request is written, disarmed by the response head (an
 * informational head does not count), and never cutting a body that is slow after its head.
 */
class UpstreamResponseTimeoutTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    private static final int TIMEOUT_MS = 200;

    private final ClientFixture client = new ClientFixture();
    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        client.close();
        upstream.close();
    }

    @Test
    void noHeadWithinTheResponseTimeoutFailsWithAReadTimeoutAndClosesTheConnection() throws Exception {
        upstream = new ScriptedUpstream(ScriptedUpstream.readThenHang());
        long start = System.nanoTime();

        Throwable failure = client.failure(ClientFixture.request(upstream.target(), HttpMethod.GET, "/", new byte[0],
                TIMEOUT_MS));

        assertThat(failure).isInstanceOf(ReadTimeoutException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(TIMEOUT_MS);
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
        assertThat(client.idle(upstream.target())).isZero();
    }

    @Test
    void theTimeoutStartsOnlyOnceTheWholeRequestBodyIsWritten() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            RecordedRequest request = socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + request.body().length + "\r\n\r\n");
            socket.send(request.body());
            socket.hang();
        });
        // The body's last part comes two timeouts after the head was written: a timer armed any earlier would fire.
        Flux<ByteBuf> slowBody = Flux.concat(Mono.fromSupplier(() -> buffer("first,")),
                Mono.delay(Duration.ofMillis(2 * TIMEOUT_MS)).map(tick -> buffer("second")));

        UpstreamAnswer answer = client.answer(ClientFixture.streamed(upstream.target(), slowBody, -1, TIMEOUT_MS));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("first,second");
    }

    @Test
    void aBodySlowerThanTheTimeoutAfterItsHeadIsNotCut() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nslow");
            Thread.sleep(2 * TIMEOUT_MS);
            socket.send("body");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.request(upstream.target(), HttpMethod.GET, "/",
                new byte[0], TIMEOUT_MS));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("slowbody");
    }

    @Test
    void anInformationalHeadDoesNotStopTheTimeout() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 100 Continue\r\n\r\n");
            socket.hang();
        });

        Throwable failure = client.failure(ClientFixture.request(upstream.target(), HttpMethod.GET, "/", new byte[0],
                TIMEOUT_MS));

        assertThat(failure).isInstanceOf(ReadTimeoutException.class);
    }

    @Test
    void aHeadInTimeDisarmsTheTimeoutForAnUnreadBody() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n");
            Thread.sleep(2 * TIMEOUT_MS);
            socket.send("late");
            socket.hang();
        });
        UpstreamAnswer answer = client.answer(ClientFixture.request(upstream.target(), HttpMethod.GET, "/",
                new byte[0], TIMEOUT_MS));
        client.waitOnLoop(3L * TIMEOUT_MS);

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("late");
    }

    static ByteBuf buffer(String text) {
        return ByteBufUtil.writeUtf8(PooledByteBufAllocator.DEFAULT, text);
    }
}
