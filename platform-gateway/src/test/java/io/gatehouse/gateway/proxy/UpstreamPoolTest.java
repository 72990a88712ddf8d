package io.gatehouse.gateway.proxy;

import static io.gatehouse.gateway.proxy.UpstreamExchangeAnswersTest.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Keep-alive reuse, newest first, the idle timeout, and what happens when every connection is busy. */
class UpstreamPoolTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();

    private ClientFixture client = new ClientFixture();
    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (upstream != null) {
            upstream.close();
        }
    }

    private static ScriptedUpstream.Script answeringEach(String body) {
        return socket -> {
            while (true) {
                socket.readRequest();
                socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            }
        };
    }

    @Test
    void aKeepAliveConnectionGoesBackToThePoolAndCarriesTheNextExchange() throws Exception {
        upstream = new ScriptedUpstream(answeringEach("same"));
        UpstreamRequest first = ClientFixture.get(upstream.target(), "/1");

        UpstreamAnswer answer = client.answer(first);
        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("same");
        assertThat(client.idle(upstream.target())).isEqualTo(1);
        UpstreamRequest second = ClientFixture.get(upstream.target(), "/2");
        assertThat(text(BodyProbe.read(client.answer(second).body()))).isEqualTo("same");

        assertThat(first.reuse().reused()).isFalse();
        assertThat(second.reuse().reused()).isTrue();
        assertThat(upstream.acceptedCount()).isEqualTo(1);
        assertThat(client.idle(upstream.target())).isEqualTo(1);
    }

    @Test
    void anAnswerWithConnectionCloseIsNotReused() throws Exception {
        ScriptedUpstream.Script closing = socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbye");
            socket.hang();
        };
        upstream = new ScriptedUpstream(closing);

        assertThat(text(BodyProbe.read(client.answer(ClientFixture.get(upstream.target(), "/")).body())))
                .isEqualTo("bye");
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        assertThat(client.idle(upstream.target())).isZero();
        UpstreamRequest next = ClientFixture.get(upstream.target(), "/");
        BodyProbe.read(client.answer(next).body());

        assertThat(next.reuse().reused()).isFalse();
        assertThat(upstream.acceptedCount()).isEqualTo(2);
    }

    @Test
    void anHttp10AnswerWithoutKeepAliveIsNotReused() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok");
            socket.hang();
        });

        BodyProbe.read(client.answer(ClientFixture.get(upstream.target(), "/")).body());

        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        assertThat(client.idle(upstream.target())).isZero();
    }

    @Test
    void theMostRecentlyReleasedConnectionIsReusedFirst() throws Exception {
        CountDownLatch bothAsked = new CountDownLatch(2);
        CountDownLatch secondMayAnswer = new CountDownLatch(1);
        ScriptedUpstream.Script named = socket -> {
            socket.readRequest();
            bothAsked.countDown();
            bothAsked.await(2, TimeUnit.SECONDS);
            if (socket.index() == 1) {
                secondMayAnswer.await(2, TimeUnit.SECONDS);
            }
            answeringEachOn(socket, "conn" + socket.index());
        };
        upstream = new ScriptedUpstream(named);
        CompletableFuture<UpstreamAnswer> first = client.exchange(ClientFixture.get(upstream.target(), "/a")).toFuture();
        CompletableFuture<UpstreamAnswer> second = client.exchange(ClientFixture.get(upstream.target(), "/b"))
                .toFuture();
        assertThat(bothAsked.await(2, TimeUnit.SECONDS)).isTrue();
        String firstBody = text(BodyProbe.read(first.get(2, TimeUnit.SECONDS).body()));
        secondMayAnswer.countDown();
        String secondBody = text(BodyProbe.read(second.get(2, TimeUnit.SECONDS).body()));
        assertThat(client.idle(upstream.target())).isEqualTo(2);

        String third = text(BodyProbe.read(client.answer(ClientFixture.get(upstream.target(), "/c")).body()));

        // Which connection served which of the first two depends on connect order; the third follows release order.
        assertThat(third).isEqualTo(secondBody).isNotEqualTo(firstBody);
    }

    private static void answeringEachOn(UpstreamSocket socket, String body) throws Exception {
        socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        while (true) {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
        }
    }

    @Test
    void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        client.close();
        client = new ClientFixture(ClientFixture.LOOPBACK_ALLOWED,
                new UpstreamPool.Limits(4, 4, 1000, TimeUnit.MILLISECONDS.toNanos(150)));
        upstream = new ScriptedUpstream(answeringEach("x"));
        BodyProbe.read(client.answer(ClientFixture.get(upstream.target(), "/")).body());
        assertThat(client.idle(upstream.target())).isEqualTo(1);

        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.idle(upstream.target()) == 0);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
        UpstreamRequest next = ClientFixture.get(upstream.target(), "/");
        BodyProbe.read(client.answer(next).body());

        assertThat(next.reuse().reused()).isFalse();
        assertThat(upstream.acceptedCount()).isEqualTo(2);
    }

    @Test
    void anIdleConnectionTheUpstreamClosesLeavesThePoolAndTheNextCallConnectsAnew() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1");
            socket.close();
        }, answeringEach("2"));
        BodyProbe.read(client.answer(ClientFixture.get(upstream.target(), "/")).body());

        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.idle(upstream.target()) == 0);
        UpstreamRequest next = ClientFixture.get(upstream.target(), "/");

        assertThat(text(BodyProbe.read(client.answer(next).body()))).isEqualTo("2");
        assertThat(next.reuse().reused()).isFalse();
    }

    @Test
    void bytesArrivingOnAnIdleConnectionCloseIt() throws Exception {
        CountDownLatch released = new CountDownLatch(1);
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1");
            released.await(2, TimeUnit.SECONDS);
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nunrequested");
            socket.hang();
        });
        BodyProbe.read(client.answer(ClientFixture.get(upstream.target(), "/")).body());
        assertThat(client.idle(upstream.target())).isEqualTo(1);
        released.countDown();

        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.idle(upstream.target()) == 0);
    }

    @Test
    void whenEveryConnectionIsBusyCallsWaitUpToTheLimitAndTheAcquireTimeout() throws Exception {
        client.close();
        client = new ClientFixture(ClientFixture.LOOPBACK_ALLOWED,
                new UpstreamPool.Limits(1, 1, 300, TimeUnit.SECONDS.toNanos(4)));
        CountDownLatch busy = new CountDownLatch(1);
        upstream = new ScriptedUpstream(ScriptedUpstream.readThenHang(busy));
        Disposable holder = client.exchange(ClientFixture.get(upstream.target(), "/hold")).subscribe();
        assertThat(busy.await(2, TimeUnit.SECONDS)).isTrue();

        Mono<UpstreamAnswer> waiting = client.exchange(ClientFixture.get(upstream.target(), "/wait")).cache();
        waiting.subscribe(answer -> { }, error -> { });
        Throwable overLimit = client.failure(ClientFixture.get(upstream.target(), "/over"));
        Throwable timedOut = ClientFixture.failureOf(waiting, 2000);

        assertThat(overLimit).isInstanceOf(UpstreamPoolExhaustedException.class).hasMessageContaining("already wait");
        assertThat(timedOut).isInstanceOf(UpstreamPoolExhaustedException.class)
                .hasMessageContaining("became free within 300 ms");
        assertThat(upstream.acceptedCount()).isEqualTo(1);
        holder.dispose();
    }

    @Test
    void aWaitingCallGetsTheConnectionWhenTheBusyOneIsReleased() throws Exception {
        client.close();
        client = new ClientFixture(ClientFixture.LOOPBACK_ALLOWED,
                new UpstreamPool.Limits(1, 4, 2000, TimeUnit.SECONDS.toNanos(4)));
        CountDownLatch mayAnswer = new CountDownLatch(1);
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            mayAnswer.await(2, TimeUnit.SECONDS);
            answeringEachOn(socket, "one");
        });
        CompletableFuture<UpstreamAnswer> first = client.exchange(ClientFixture.get(upstream.target(), "/1")).toFuture();
        UpstreamRequest secondRequest = ClientFixture.get(upstream.target(), "/2");
        CompletableFuture<UpstreamAnswer> second = client.exchange(secondRequest).toFuture();
        upstream.connection(0);
        assertThat(second).isNotDone();

        mayAnswer.countDown();
        BodyProbe.read(first.get(2, TimeUnit.SECONDS).body());

        assertThat(text(BodyProbe.read(second.get(2, TimeUnit.SECONDS).body()))).isEqualTo("one");
        assertThat(secondRequest.reuse().reused()).isTrue();
        assertThat(upstream.acceptedCount()).isEqualTo(1);
    }

    @Test
    void aWaitingCallGetsANewConnectionWhenTheBusyOneCloses() throws Exception {
        client.close();
        client = new ClientFixture(ClientFixture.LOOPBACK_ALLOWED,
                new UpstreamPool.Limits(1, 4, 2000, TimeUnit.SECONDS.toNanos(4)));
        CountDownLatch mayClose = new CountDownLatch(1);
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            mayClose.await(2, TimeUnit.SECONDS);
            socket.close();
        }, answeringEach("new"));
        Mono<UpstreamAnswer> first = client.exchange(ClientFixture.get(upstream.target(), "/1")).cache();
        first.subscribe(answer -> { }, error -> { });
        CompletableFuture<UpstreamAnswer> second = client.exchange(ClientFixture.get(upstream.target(), "/2"))
                .toFuture();
        upstream.connection(0);

        mayClose.countDown();

        assertThat(ClientFixture.failureOf(first, 2000))
                .isInstanceOf(io.netty.handler.codec.PrematureChannelClosureException.class);
        assertThat(text(BodyProbe.read(second.get(2, TimeUnit.SECONDS).body()))).isEqualTo("new");
        assertThat(upstream.acceptedCount()).isEqualTo(2);
    }

    @Test
    void aCallCancelledWhileWaitingLeavesTheLine() throws Exception {
        client.close();
        client = new ClientFixture(ClientFixture.LOOPBACK_ALLOWED,
                new UpstreamPool.Limits(1, 1, 2000, TimeUnit.SECONDS.toNanos(4)));
        CountDownLatch mayAnswer = new CountDownLatch(1);
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            mayAnswer.await(2, TimeUnit.SECONDS);
            answeringEachOn(socket, "kept");
        });
        CompletableFuture<UpstreamAnswer> first = client.exchange(ClientFixture.get(upstream.target(), "/1")).toFuture();
        upstream.connection(0);
        Disposable gaveUp = client.exchange(ClientFixture.get(upstream.target(), "/2")).subscribe();
        gaveUp.dispose();

        // The place in line is free again: another call may wait there instead of being refused.
        CompletableFuture<UpstreamAnswer> third = client.exchange(ClientFixture.get(upstream.target(), "/3"))
                .toFuture();
        mayAnswer.countDown();
        BodyProbe.read(first.get(2, TimeUnit.SECONDS).body());

        assertThat(text(BodyProbe.read(third.get(2, TimeUnit.SECONDS).body()))).isEqualTo("kept");
        assertThat(client.idle(upstream.target())).isEqualTo(1);
    }
}
