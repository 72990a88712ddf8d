package io.gatehouse.gateway.proxy;

import static io.gatehouse.gateway.proxy.UpstreamExchangeAnswersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpMethod;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;

/**
 * An upstream that breaks the exchange - closes early, sends garbage or a malformed chunk, or is given up on: the
 * exchange fails with what happened (never hangs, never passes a truncated body off as complete), and the connection
 * is closed rather than returned to the pool.
 */
class UpstreamExchangeFailuresTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();

    private final ClientFixture client = new ClientFixture();
    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void anUpstreamClosingBeforeAnyAnswerFailsWithPrematureClosure() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.close();
        });

        Throwable failure = client.failure(ClientFixture.get(upstream.target(), "/"));

        assertThat(failure).isInstanceOf(PrematureChannelClosureException.class)
                .hasMessageContaining("before a response head");
        assertNothingLeftOpen();
    }

    @Test
    void anUpstreamClosingInTheMiddleOfTheStatusLineFailsWithPrematureClosure() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 O");
            socket.close();
        });

        Throwable failure = client.failure(ClientFixture.get(upstream.target(), "/"));

        assertThat(failure).isInstanceOf(PrematureChannelClosureException.class);
        assertNothingLeftOpen();
    }

    @Test
    void anUpstreamClosingInTheMiddleOfTheHeadersFailsWithPrematureClosure() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Type: text/pl");
            socket.close();
        });

        Throwable failure = client.failure(ClientFixture.get(upstream.target(), "/"));

        assertThat(failure).isInstanceOf(PrematureChannelClosureException.class);
        assertNothingLeftOpen();
    }

    @Test
    void anUpstreamClosingInTheMiddleOfAContentLengthBodyFailsTheBody() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part");
            socket.close();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/"));
        Throwable failure = BodyProbe.failureOf(answer.body());

        assertThat(failure).isInstanceOf(PrematureChannelClosureException.class)
                .hasMessageContaining("before the end of the response body");
        assertNothingLeftOpen();
    }

    @Test
    void anUpstreamClosingInTheMiddleOfAChunkedBodyFailsTheBody() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n10\r\nonly");
            socket.close();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/"));
        Throwable failure = BodyProbe.failureOf(answer.body());

        assertThat(failure).isInstanceOf(PrematureChannelClosureException.class);
        assertNothingLeftOpen();
    }

    @Test
    void aGarbageStatusLineFailsWithADecoderExceptionAndClosesTheConnection() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("SSH-2.0-OpenSSH_9.2p1\r\n\r\n");
            socket.hang();
        });

        Throwable failure = client.failure(ClientFixture.get(upstream.target(), "/"));

        assertThat(failure).isInstanceOf(DecoderException.class);
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        assertNothingLeftOpen();
    }

    @Test
    void aHeaderLineLongerThanTheLimitFailsWithADecoderException() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nX-Huge: " + "a".repeat(10_000) + "\r\n\r\n");
            socket.hang();
        });

        Throwable failure = client.failure(ClientFixture.get(upstream.target(), "/"));

        assertThat(failure).isInstanceOf(DecoderException.class);
        assertNothingLeftOpen();
    }

    @Test
    void aMalformedChunkSizeFailsTheBodyAndClosesTheConnection() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nZZ\r\nnot a chunk\r\n");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/"));
        Throwable failure = BodyProbe.failureOf(answer.body());

        assertThat(failure).isInstanceOf(DecoderException.class);
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        assertThat(client.idle(upstream.target())).isZero();
        assertNothingLeftOpen();
    }

    @Test
    void aConnectionClosedAfterAMalformedChunkIsNotReusedForTheNextCall() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nnope\r\n");
            socket.hang();
        }, socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfresh");
            socket.hang();
        });
        UpstreamAnswer broken = client.answer(ClientFixture.get(upstream.target(), "/"));
        reactor.core.publisher.Flux.from(broken.body()).doOnNext(io.netty.buffer.ByteBuf::release)
                .onErrorResume(error -> reactor.core.publisher.Mono.empty()).blockLast(java.time.Duration.ofSeconds(2));

        UpstreamAnswer next = client.answer(ClientFixture.get(upstream.target(), "/"));

        assertThat(text(BodyProbe.read(next.body()))).isEqualTo("fresh");
        assertThat(upstream.acceptedCount()).isEqualTo(2);
    }

    @Test
    void cancellingBeforeTheHeadClosesTheConnection() throws Exception {
        CountDownLatch requestRead = new CountDownLatch(1);
        upstream = new ScriptedUpstream(ScriptedUpstream.readThenHang(requestRead));

        Disposable subscription = client.exchange(ClientFixture.get(upstream.target(), "/slow")).subscribe();
        assertThat(requestRead.await(2, TimeUnit.SECONDS)).isTrue();
        subscription.dispose();

        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        assertNothingLeftOpen();
    }

    @Test
    void cancellingTheBodyClosesTheConnection() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nfirst part");
            socket.hang();
        });
        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/"));

        reactor.core.publisher.Flux.from(answer.body()).take(1).doOnNext(io.netty.buffer.ByteBuf::release)
                .blockLast(java.time.Duration.ofSeconds(2));

        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        assertNothingLeftOpen();
    }

    @Test
    void aBodyCanBeReadOnlyOnce() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            socket.hang();
        });
        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/"));
        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("ok");

        assertThat(BodyProbe.failureOf(answer.body())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedConnectFailsAtOnce() throws Exception {
        int closedPort;
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            closedPort = taken.getLocalPort();
        }
        var target = new io.gatehouse.gateway.route.UpstreamTarget("http://127.0.0.1:" + closedPort, "http",
                "127.0.0.1", closedPort, "", 1);

        Throwable failure = client.failure(ClientFixture.request(target, HttpMethod.GET, "/", new byte[0], 1000));

        assertThat(failure).isInstanceOf(java.net.ConnectException.class);
        assertThat(client.idle(target)).isZero();
    }

    private void assertNothingLeftOpen() throws Exception {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(client.open()).isEmpty());
        assertThat(client.idle(upstream.target())).isZero();
    }
}
