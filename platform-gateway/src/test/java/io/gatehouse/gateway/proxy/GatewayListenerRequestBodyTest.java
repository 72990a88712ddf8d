package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Request bodies as the handler reads them (in order, each buffer released by the reader), {@code Expect:
 * 100-continue}, and what happens to a body the handler answered without reading.
 */
class GatewayListenerRequestBodyTest {
    private static final int MIB = 1024 * 1024;

    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    @RegisterExtension
    final ListenerUnderTest gateway = new ListenerUnderTest();

    @Test
    void aChunkedBodyOfOneMebibyteReachesTheHandlerWholeAndInOrder() throws Exception {
        gateway.start((request, response) -> TestBodies.lengthAndDigest(request.receive())
                .flatMap(summary -> Replies.whole(response, bytes(summary))));
        byte[] body = TestBodies.pattern(MIB);
        RawCaller caller = gateway.connect();

        caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n").send(chunked(body));
        RawAnswer answer = caller.answer();

        assertThat(answer.bodyText()).isEqualTo(TestBodies.lengthAndDigest(body));
        assertThat(caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n").answer().bodyText())
                .isEqualTo(TestBodies.lengthAndDigest(new byte[0]));
    }

    @Test
    void aBodyOfOneMebibyteWithContentLengthFromJavasHttpClientReachesTheHandlerWholeAndInOrder() throws Exception {
        gateway.start((request, response) -> TestBodies.lengthAndDigest(request.receive())
                .flatMap(summary -> Replies.whole(response, bytes(summary))));
        byte[] body = TestBodies.pattern(MIB);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.port() + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(TestBodies.lengthAndDigest(body));
    }

    @Test
    void aCallerExpecting100ContinueGetsItWhenTheHandlerReadsTheBodyThenTheAnswer() throws Exception {
        gateway.start((request, response) -> TestBodies.lengthAndDigest(request.receive())
                .flatMap(summary -> Replies.whole(response, bytes(summary))));
        RawCaller caller = gateway.connect();

        caller.send("PUT /thing HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        RawAnswer goOn = caller.answerWithoutBody();
        caller.send("hello");
        RawAnswer answer = caller.answer();

        assertThat(goOn.rawText()).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        assertThat(answer.bodyText()).isEqualTo(TestBodies.lengthAndDigest(bytes("hello")));
        assertThat(answer.header("connection")).isNull();
        assertThat(caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n").answer().status()).isEqualTo(200);
    }

    @Test
    void aHeadRequestPipelinedBehindOneThatGot100ContinueDoesNotTakeTheBodyOfTheAnswerBeforeIt() throws Exception {
        gateway.start((request, response) -> {
            if (request.method().equals(HttpMethod.HEAD)) {
                return Replies.whole(response.header(HttpHeaderNames.CONTENT_LENGTH, 5), bytes("hello"));
            }
            return TestBodies.lengthAndDigest(request.receive())
                    .delayElement(Duration.ofMillis(50)) // the HEAD behind it has been read by then
                    .flatMap(summary -> Replies.whole(response, bytes(summary)));
        });
        RawCaller caller = gateway.connect();

        caller.send("PUT /thing HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello"
                + "HEAD /thing HTTP/1.1\r\nHost: gw\r\n\r\n");
        RawAnswer goOn = caller.answerWithoutBody();
        RawAnswer put = caller.answer();
        RawAnswer head = caller.answerWithoutBody();

        assertThat(goOn.status()).isEqualTo(100);
        assertThat(put.bodyText()).isEqualTo(TestBodies.lengthAndDigest(bytes("hello")));
        assertThat(head.rawText()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n");
    }

    @Test
    void aMalformedChunkInABodyTheHandlerIsReadingIsAnsweredWith400AndTheConnectionCloses() throws Exception {
        CompletableFuture<Boolean> handlerCancelled = new CompletableFuture<>();
        gateway.start((request, response) -> TestBodies.lengthAndDigest(request.receive())
                .flatMap(summary -> Replies.whole(response, bytes(summary)))
                .doOnCancel(() -> handlerCancelled.complete(true)));
        RawCaller caller = gateway.connect();

        caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\nzz-not-a-size\r\n");
        RawAnswer answer = caller.answer();

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.bodyText()).contains("\"code\":\"bad_request\"").contains("malformed chunk");
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(handlerCancelled.get(2, TimeUnit.SECONDS)).isTrue();
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aCallerExpecting100ContinueAnsweredWithoutItsBodyBeingReadGetsTheAnswerAndTheConnectionCloses()
            throws Exception {
        gateway.start((request, response) -> Replies.whole(response.status(HttpResponseStatus.UNAUTHORIZED)
                , bytes("who are you?")));
        RawCaller caller = gateway.connect();

        caller.send("PUT /thing HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
        RawAnswer answer = caller.answer();

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.bodyText()).isEqualTo("who are you?");
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aSmallBodyStillArrivingAfterAnEarlyAnswerIsReadAndDroppedAndTheConnectionCarriesOn() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("early answer to " + request.uri())));
        byte[] body = TestBodies.pattern(64 * 1024);
        RawCaller caller = gateway.connect();

        caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length + "\r\n\r\n")
                .send(Arrays.copyOf(body, 1000));
        RawAnswer early = caller.answer();
        caller.send(Arrays.copyOfRange(body, 1000, body.length));
        RawAnswer next = caller.send("GET /next HTTP/1.1\r\nHost: gw\r\n\r\n").answer();

        assertThat(early.bodyText()).isEqualTo("early answer to /upload");
        assertThat(early.header("connection")).isNull();
        assertThat(next.bodyText()).isEqualTo("early answer to /next");
    }

    @Test
    void aLargeBodyStillArrivingAfterAnEarlyAnswerHasTheConnectionClosed() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("early answer")));
        byte[] body = TestBodies.pattern(MIB);
        RawCaller caller = gateway.connect();

        caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length + "\r\n\r\n")
                .send(Arrays.copyOf(body, 1000));
        RawAnswer early = caller.answer();
        caller.send(Arrays.copyOfRange(body, 1000, body.length)); // read and dropped while the connection lingers

        assertThat(early.bodyText()).isEqualTo("early answer");
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aCallerThatSendsItsWholeLargeBodyBeforeReadingStillGetsTheEarlyAnswer() throws Exception {
        gateway.start((request, response) -> Replies.whole(response.status(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)
                , bytes("too large")));
        byte[] body = TestBodies.pattern(4 * MIB);
        RawCaller caller = gateway.connect();

        // a plain close with the rest unread would reset the connection: this send would fail, or the answer be lost
        caller.send("PUT /blob HTTP/1.1\r\nHost: gw\r\nContent-Length: " + body.length + "\r\n\r\n").send(body);
        RawAnswer answer = caller.answer();

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.bodyText()).isEqualTo("too large");
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aLingeringConnectionIsClosedOnceTheCallerGoesQuiet() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("early answer")));
        RawCaller caller = gateway.connect();
        caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: " + MIB + "\r\n\r\n")
                .send(TestBodies.pattern(512 * 1024));
        assertThat(caller.answer().bodyText()).isEqualTo("early answer");
        assertThat(caller.isClosedByGateway()).isTrue(); // the gateway's side ended; it still reads what comes
        caller.send(new byte[1000]);

        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(CallerConnection.LINGER_SILENCE_NANOS) + 1500);

        assertThatThrownBy(() -> {
            caller.send(new byte[1000]); // the first write to a closed socket draws a reset, the next one fails
            Thread.sleep(200);
            caller.send(new byte[1000]);
        }).isInstanceOf(IOException.class);
    }

    @Test
    void aCallerThatClosesItsConnectionMidBodyFailsTheBodyTheHandlerIsReading() throws Exception {
        CountDownLatch firstBytes = new CountDownLatch(1);
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        gateway.start((request, response) -> Flux.from(request.receive())
                .doOnNext(buffer -> firstBytes.countDown())
                .doOnNext(ByteBuf::release)
                .doOnError(failure::complete)
                .doOnComplete(() -> failure.complete(null))
                .then(Replies.whole(response, bytes("never sent"))));
        RawCaller caller = gateway.connect();
        caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 100\r\n\r\n0123456789");
        assertThat(firstBytes.await(2, TimeUnit.SECONDS)).isTrue();

        caller.close();

        assertThat(failure.get(2, TimeUnit.SECONDS)).isInstanceOf(PrematureChannelClosureException.class);
    }

    /** The body in chunks of varied sizes, chunked framing included. */
    private static byte[] chunked(byte[] body) {
        int[] sizes = {1, 100, 8192, 65536, 12345, 3};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int offset = 0;
        for (int i = 0; offset < body.length; i++) {
            int size = Math.min(sizes[i % sizes.length], body.length - offset);
            out.writeBytes((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, offset, size);
            out.writeBytes(bytes("\r\n"));
            offset += size;
        }
        out.writeBytes(bytes("0\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCallerThatStopsSendingABodyTheHandlerIsReadingGets408AtTheIdleTimeoutAndTheCallIsCancelled()
            throws Exception {
        CompletableFuture<Boolean> handlerCancelled = new CompletableFuture<>();
        gateway.start(Duration.ofMillis(300), (request, response) -> TestBodies.lengthAndDigest(request.receive())
                .flatMap(summary -> Replies.whole(response, bytes(summary)))
                .doOnCancel(() -> handlerCancelled.complete(true)));
        RawCaller caller = gateway.connect();
        long start = System.nanoTime();

        RawAnswer answer = caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 100\r\n\r\nten bytes!")
                .answer();

        assertThat(answer.status()).isEqualTo(408);
        assertThat(answer.bodyText()).contains("\"code\":\"request_timeout\"")
                .contains("no request body data for 300 ms");
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(handlerCancelled.get(2, TimeUnit.SECONDS)).isTrue();
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void aBodyThatKeepsComingWithPausesShorterThanTheIdleTimeoutIsReadWhole() throws Exception {
        gateway.start(Duration.ofMillis(400), (request, response) -> TestBodies.lengthAndDigest(request.receive())
                .flatMap(summary -> Replies.whole(response, bytes(summary))));
        RawCaller caller = gateway.connect();

        caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 8\r\n\r\n");
        for (String part : new String[] {"ab", "cd", "ef", "gh"}) {
            Thread.sleep(200);
            caller.send(part);
        }
        RawAnswer answer = caller.answer();

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.bodyText()).isEqualTo(TestBodies.lengthAndDigest("abcdefgh".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHandlerThatStartsReadingTheBodyLateIsNotTakenForAStalledCaller() throws Exception {
        gateway.start(Duration.ofMillis(300), (request, response) -> Mono.delay(Duration.ofMillis(700))
                .then(TestBodies.lengthAndDigest(request.receive()))
                .flatMap(summary -> Replies.whole(response, bytes(summary))));
        RawCaller caller = gateway.connect();

        RawAnswer answer = caller.send("POST /upload HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n\r\nhello")
                .answer();

        assertThat(answer.status()).isEqualTo(200);
    }
}
