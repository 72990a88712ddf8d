package io.gatehouse.gateway.proxy;

import static io.gatehouse.gateway.proxy.TestBodies.buffers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A call that goes wrong: the handler fails before or after the head went out, or the caller goes away mid-call. */
class GatewayListenerFailureTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    @RegisterExtension
    final ListenerUnderTest gateway = new ListenerUnderTest();

    @Test
    void aHandlerThatThrowsGets500InJsonAndTheConnectionCloses() throws Exception {
        gateway.start((request, response) -> {
            throw new IllegalStateException("the handler broke");
        });

        assertGatewayError(gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n"));
    }

    @Test
    void aHandlerThatFailsBeforeAnsweringGets500InJsonWithoutTheHeadersItHadSetAndTheConnectionCloses()
            throws Exception {
        gateway.start((request, response) -> {
            response.header("X-Half-Done", "yes");
            return Mono.delay(Duration.ofMillis(20)).then(Mono.error(new IllegalStateException("the handler failed")));
        });
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");

        RawAnswer answer = assertGatewayError(caller);

        assertThat(answer.header("x-half-done")).isNull();
    }

    @Test
    void aHandlerThatFailsAfterTheHeadWasSentHasTheConnectionClosedMidBody() throws Exception {
        gateway.start((request, response) -> Replies.streamed(response.header(HttpHeaderNames.CONTENT_LENGTH, 100)
                , buffers("partial").concatWith(Mono.delay(Duration.ofMillis(20))
                        .then(Mono.error(new IllegalStateException("the upstream broke off"))))));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");

        RawAnswer head = caller.answerWithoutBody();

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("content-length")).isEqualTo("100");
        assertThat(new String(caller.readExactly(7), StandardCharsets.UTF_8)).isEqualTo("partial");
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aChunkedAnswerWhoseBodyFailsEndsWithoutTheLastChunk() throws Exception {
        gateway.start((request, response) -> Replies.streamed(response, buffers("partial")
                .concatWith(Flux.error(new IllegalStateException("the upstream broke off")))));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");

        RawAnswer head = caller.answerWithoutBody();

        assertThat(head.header("transfer-encoding")).isEqualTo("chunked");
        assertThat(new String(caller.readExactly(12), StandardCharsets.US_ASCII)).isEqualTo("7\r\npartial\r\n");
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aCallerThatClosesItsConnectionMidCallCancelsTheHandler() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        gateway.start((request, response) -> Mono.<Void>never()
                .doOnSubscribe(subscription -> handling.countDown())
                .doOnCancel(cancelled::countDown));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
        assertThat(handling.await(2, TimeUnit.SECONDS)).isTrue();

        caller.close();

        assertThat(cancelled.await(2, TimeUnit.SECONDS)).as("the handler's call was cancelled").isTrue();
    }

    @Test
    void aCallerThatClosesItsConnectionMidAnswerCancelsTheBodyBeingStreamed() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        gateway.start((request, response) -> Replies.streamed(response, buffers("first")
                .concatWith(Flux.never())
                .doOnCancel(cancelled::countDown)));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
        caller.answerWithoutBody();

        caller.close();

        assertThat(cancelled.await(2, TimeUnit.SECONDS)).as("the answer's body was cancelled").isTrue();
    }

    private static RawAnswer assertGatewayError(RawCaller caller) throws IOException {
        RawAnswer answer = caller.answer();
        JsonNode error = new ObjectMapper().readTree(answer.body()).path("error");
        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.header("content-type")).isEqualTo("application/json");
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(error.path("status").asInt()).isEqualTo(500);
        assertThat(error.path("code").asText()).isEqualTo("gateway_error");
        assertThat(caller.isClosedByGateway()).isTrue();
        return answer;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
