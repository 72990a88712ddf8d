package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** A caller's connection over its life: keep-alive, pipelining, idle timeout, and the listener closing. */
class GatewayListenerConnectionTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    @RegisterExtension
    final ListenerUnderTest gateway = new ListenerUnderTest();

    @Test
    void twoRequestsOnOneKeepAliveConnectionAreBothAnsweredOnIt() throws Exception {
        List<InetSocketAddress> callers = new CopyOnWriteArrayList<>();
        gateway.start((request, response) -> {
            callers.add(request.remoteAddress());
            return Replies.whole(response, bytes(request.uri()));
        });
        RawCaller caller = gateway.connect();

        RawAnswer first = caller.send("GET /one HTTP/1.1\r\nHost: gw\r\n\r\n").answer();
        RawAnswer second = caller.send("GET /two HTTP/1.1\r\nHost: gw\r\n\r\n").answer();

        assertThat(first.bodyText()).isEqualTo("/one");
        assertThat(second.bodyText()).isEqualTo("/two");
        assertThat(first.header("connection")).isNull();
        assertThat(callers).hasSize(2).containsOnly(callers.get(0));
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndTheNextIsHandledOnlyOnceTheOneBeforeIsAnswered() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        gateway.start((request, response) -> {
            events.add("handling " + request.uri());
            Duration delay = request.uri().equals("/slow") ? Duration.ofMillis(150) : Duration.ZERO;
            return Mono.delay(delay)
                    .doOnNext(tick -> events.add("answering " + request.uri()))
                    .then(Replies.whole(response, bytes(request.uri())));
        });
        RawCaller caller = gateway.connect();

        caller.send("GET /slow HTTP/1.1\r\nHost: gw\r\n\r\nGET /fast HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertThat(caller.answer().bodyText()).isEqualTo("/slow");
        assertThat(caller.answer().bodyText()).isEqualTo("/fast");
        assertThat(events).containsExactly("handling /slow", "answering /slow", "handling /fast", "answering /fast");
    }

    @Test
    void anHttp11RequestAskingToCloseIsAnsweredWithConnectionCloseAndTheConnectionCloses() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("bye")));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");

        RawAnswer answer = caller.answer();

        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(answer.bodyText()).isEqualTo("bye");
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aHandlerThatCompletesWithoutAnsweringGetsAnEmpty200AndTheConnectionCarriesOn() throws Exception {
        gateway.start((request, response) -> Mono.delay(Duration.ofMillis(10)).then());
        RawCaller caller = gateway.connect();

        for (int call = 0; call < 2; call++) {
            caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
            assertThat(caller.answer().rawText()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n");
        }
    }

    @Test
    void aConnectionIdleForTheIdleTimeoutIsClosed() throws Exception {
        gateway.start(Duration.ofMillis(300), (request, response) -> Replies.whole(response, bytes("ok")));
        RawCaller caller = gateway.connect();
        caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n").answer();
        long answeredAt = System.nanoTime();

        assertThat(caller.isClosedByGateway()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - answeredAt)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aCallerThatSendsHalfARequestHeadAndStallsIsClosedAtTheIdleTimeout() throws Exception {
        gateway.start(Duration.ofMillis(300), (request, response) -> Replies.whole(response, bytes("not reached")));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: g");

        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aCallerThatStopsSendingABodyAlreadyAnsweredIsClosedAtTheIdleTimeout() throws Exception {
        gateway.start(Duration.ofMillis(300), (request, response) -> Replies.whole(response.status(HttpResponseStatus.UNAUTHORIZED)
                , bytes("no")));
        RawCaller caller = gateway.connect();

        RawAnswer answer = caller.send("POST / HTTP/1.1\r\nHost: gw\r\nContent-Length: 1000\r\n\r\nonly a part")
                .answer();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aConnectionWithASlowCallInProgressIsNotClosedForBeingIdle() throws Exception {
        gateway.start(Duration.ofMillis(300), (request, response) ->
                Mono.delay(Duration.ofMillis(600)).then(Replies.whole(response, bytes("slow but sure"))));
        RawCaller caller = gateway.connect();

        RawAnswer answer = caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n").answer();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo("slow but sure");
        assertThat(answer.header("connection")).isNull();
    }

    @Test
    void closingTheListenerLetsTheAnswerInProgressFinishThenRefusesConnections() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        gateway.start((request, response) -> {
            handling.countDown();
            return Mono.delay(Duration.ofMillis(200)).then(Replies.whole(response, bytes("finished")));
        });
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertThat(handling.await(2, TimeUnit.SECONDS)).isTrue();
        int port = gateway.port();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(
                () -> gateway.listener().close(Duration.ofSeconds(2)));
        RawAnswer answer = caller.answer();
        closed.get(3, TimeUnit.SECONDS);

        assertThat(answer.bodyText()).isEqualTo("finished");
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(caller.isClosedByGateway()).isTrue();
        assertThat(gateway.listener().isOpen()).isFalse();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void closingTheListenerClosesAnIdleKeepAliveConnectionAtOnce() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("ok")));
        RawCaller caller = gateway.connect();
        caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n").answer();

        gateway.listener().close(Duration.ofSeconds(2));

        assertThat(caller.isClosedByGateway()).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
