package io.gatehouse.gateway.proxy;

import static io.gatehouse.gateway.proxy.TestBodies.buffers;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How the listener frames its answers, and what it answers to requests it cannot parse, byte for byte. */
class GatewayListenerFramingTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    @RegisterExtension
    final ListenerUnderTest gateway = new ListenerUnderTest();

    @Test
    void aStreamedAnswerWithoutContentLengthIsChunked() throws Exception {
        gateway.start((request, response) -> Replies.streamed(response, buffers("hello ", "world")));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertThat(caller.answer().rawText()).isEqualTo("HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
                + "6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n");
    }

    @Test
    void aStreamedAnswerWithContentLengthIsSentAsIsAndTheConnectionStaysOpen() throws Exception {
        gateway.start((request, response) -> Replies.streamed(response.header(HttpHeaderNames.CONTENT_LENGTH, 11)
                , buffers("hello ", "world")));
        RawCaller caller = gateway.connect();

        for (int call = 0; call < 2; call++) {
            caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
            assertThat(caller.answer().rawText()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\nhello world");
        }
    }

    @Test
    void anHttp10RequestWithoutKeepAliveIsAnsweredWithConnectionCloseAndTheConnectionCloses() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("hi")));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.0\r\n\r\n");

        RawAnswer answer = caller.answer();

        assertThat(answer.rawText()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nhi");
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    @Test
    void anHttp10KeepAliveRequestIsAnsweredWithKeepAliveAndTheConnectionStaysOpen() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("hi")));
        RawCaller caller = gateway.connect();

        for (int call = 0; call < 2; call++) {
            caller.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
            assertThat(caller.answer().rawText())
                    .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nhi");
        }
    }

    @Test
    void aStreamedAnswerToHttp10IsDelimitedByClosingTheConnectionEvenWhenKeepAliveWasAsked() throws Exception {
        gateway.start((request, response) -> Replies.streamed(response, buffers("hello ", "world")));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");

        assertThat(caller.answer().rawText()).isEqualTo("HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nhello world");
    }

    @Test
    void aHeadRequestGetsTheHeadersTheHandlerSetButNoBodyAndTheConnectionCarriesOn() throws Exception {
        gateway.start((request, response) -> Replies.whole(response.header(HttpHeaderNames.CONTENT_LENGTH, 5)
                .header(HttpHeaderNames.CONTENT_TYPE, "text/plain"), bytes("hello")));
        RawCaller caller = gateway.connect().send("HEAD / HTTP/1.1\r\nHost: gw\r\n\r\n");

        RawAnswer head = caller.answerWithoutBody();
        caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
        RawAnswer get = caller.answer();

        assertThat(head.rawText())
                .isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 5\r\ncontent-type: text/plain\r\n\r\n");
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.bodyText()).isEqualTo("hello");
    }

    @Test
    void aHeadRequestAnsweredWithAStreamGetsNoBodyAndTheConnectionCarriesOn() throws Exception {
        gateway.start((request, response) -> Replies.streamed(response.header(HttpHeaderNames.CONTENT_LENGTH, 11)
                , buffers("hello ", "world")));
        RawCaller caller = gateway.connect().send("HEAD / HTTP/1.1\r\nHost: gw\r\n\r\n");

        RawAnswer head = caller.answerWithoutBody();
        caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
        RawAnswer get = caller.answer();

        assertThat(head.rawText()).isEqualTo("HTTP/1.1 200 OK\r\ncontent-length: 11\r\n\r\n");
        assertThat(get.bodyText()).isEqualTo("hello world");
    }

    @Test
    void aNoContentAnswerHasNoBodyNorLengthEvenWhenTheHandlerGivesOne() throws Exception {
        gateway.start((request, response) -> Replies.whole(response.status(HttpResponseStatus.NO_CONTENT), bytes("x")));
        RawCaller caller = gateway.connect().send("DELETE /thing HTTP/1.1\r\nHost: gw\r\n\r\n");

        RawAnswer noContent = caller.answerWithoutBody();
        caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
        RawAnswer next = caller.answerWithoutBody();

        assertThat(noContent.rawText()).isEqualTo("HTTP/1.1 204 No Content\r\n\r\n");
        assertThat(next.head()).startsWith("HTTP/1.1 204 ");
    }

    @Test
    void aNotModifiedAnswerSentWholeGetsNoLengthAddedAndNoBody() throws Exception {
        gateway.start((request, response) -> Replies.whole(response.status(HttpResponseStatus.NOT_MODIFIED), bytes("x")));
        RawCaller caller = gateway.connect().send("GET /thing HTTP/1.1\r\nHost: gw\r\nIf-None-Match: \"a\"\r\n\r\n");

        RawAnswer notModified = caller.answerWithoutBody();
        caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n");
        RawAnswer next = caller.answerWithoutBody();

        assertThat(notModified.rawText()).isEqualTo("HTTP/1.1 304 Not Modified\r\n\r\n");
        assertThat(next.head()).startsWith("HTTP/1.1 304 ");
    }

    @Test
    void aGarbageRequestLineIsAnsweredWith400InJsonAndTheConnectionCloses() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("not reached")));
        RawCaller caller = gateway.connect().send("this is not http\r\n\r\n");

        assertRejected(caller, 400);
    }

    @Test
    void aRequestLineLongerThan4096BytesIsAnsweredWith414() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("not reached")));
        RawCaller caller = gateway.connect().send("GET /" + "a".repeat(GatewayListener.MAX_INITIAL_LINE_BYTES)
                + " HTTP/1.1\r\nHost: gw\r\n\r\n");

        assertRejected(caller, 414);
    }

    @Test
    void headersLargerThan8192BytesAreAnsweredWith431() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("not reached")));
        RawCaller caller = gateway.connect().send("GET / HTTP/1.1\r\nHost: gw\r\nX-Big: "
                + "b".repeat(GatewayListener.MAX_HEADER_BYTES) + "\r\n\r\n");

        assertRejected(caller, 431);
    }

    @Test
    void aRejectedRequestFollowedByMebibytesItNeverParsesStillGetsItsAnswer() throws Exception {
        gateway.start((request, response) -> Replies.whole(response, bytes("not reached")));
        RawCaller caller = gateway.connect();

        caller.send("this is not http\r\n\r\n").send(new byte[8 * 1024 * 1024]);

        assertRejected(caller, 400);
    }

    private static void assertRejected(RawCaller caller, int status) throws Exception {
        RawAnswer answer = caller.answer();
        JsonNode error = new ObjectMapper().readTree(answer.body()).path("error");
        assertThat(answer.status()).isEqualTo(status);
        assertThat(answer.header("content-type")).isEqualTo("application/json");
        assertThat(answer.header("connection")).isEqualTo("close");
        assertThat(error.path("status").asInt()).isEqualTo(status);
        assertThat(error.path("code").asText()).isEqualTo("bad_request");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(caller.isClosedByGateway()).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
