package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Answers the client reads to the end: framed by Content-Length, chunked, by the end of the connection, or empty. */
class UpstreamExchangeAnswersTest {
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
    void aGetWithAContentLengthAnswerGivesStatusHeadersAndTheWholeBody() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            RecordedRequest request = socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Seen: " + request.requestLine()
                    + "\r\nContent-Length: 5\r\n\r\nhello");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/greeting?x=1"));

        assertThat(answer.status().code()).isEqualTo(200);
        assertThat(answer.headers().get("X-Seen")).isEqualTo("GET /greeting?x=1 HTTP/1.1");
        assertThat(answer.headers().get("Content-Type")).isEqualTo("text/plain");
        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("hello");
    }

    @Test
    void theRequestCarriesItsHostHeaderAndInMemoryBodyWithAContentLength() throws Exception {
        java.util.concurrent.CompletableFuture<RecordedRequest> seen = new java.util.concurrent.CompletableFuture<>();
        upstream = new ScriptedUpstream(socket -> {
            seen.complete(socket.readRequest());
            socket.send("HTTP/1.1 204 No Content\r\n\r\n");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.request(upstream.target(), HttpMethod.PUT, "/items/7",
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8), ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(answer.status().code()).isEqualTo(204);
        assertThat(BodyProbe.read(answer.body())).isEmpty();
        RecordedRequest request = seen.get(2, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(request.requestLine()).isEqualTo("PUT /items/7 HTTP/1.1");
        assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + upstream.port());
        assertThat(request.header("Content-Length")).isEqualTo("7");
        assertThat(request.header("Transfer-Encoding")).isNull();
        assertThat(request.bodyText()).isEqualTo("{\"a\":1}");
    }

    @Test
    void aChunkedAnswerIsReassembledInOrderWithChunkExtensionsAndTrailersDropped() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            socket.send("5\r\nhello\r\n");
            socket.send("1;ext=1\r\n \r\n");
            socket.send("6\r\nworld!\r\n0\r\nX-Trailer: t\r\n\r\n");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/chunks"));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("hello world!");
    }

    @Test
    void aBodyLargerThanOneChunkArrivesWhole() throws Exception {
        byte[] body = TestBodies.pattern(300_000);
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n");
            socket.send(body);
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/big"));

        assertThat(BodyProbe.read(answer.body())).isEqualTo(body);
    }

    @Test
    void anAnswerWithoutLengthOnAConnectionTheUpstreamClosesEndsWithTheClose() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.0 200 OK\r\n\r\nuntil the end");
            socket.close();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/legacy"));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("until the end");
        assertThat(client.idle(upstream.target())).isZero();
    }

    @Test
    void aHeadAnswerWithAContentLengthButNoBodyCompletesAndKeepsTheConnection() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            RecordedRequest head = socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nX-Method: " + head.requestLine().split(" ")[0]
                    + "\r\n\r\n");
            RecordedRequest next = socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n" + next.requestLine().substring(0, 4));
            socket.hang();
        });

        UpstreamAnswer head = client.answer(ClientFixture.request(upstream.target(), HttpMethod.HEAD, "/doc",
                new byte[0], ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(head.headers().get("X-Method")).isEqualTo("HEAD");
        assertThat(head.headers().getInt("Content-Length")).isEqualTo(1234);
        assertThat(BodyProbe.read(head.body())).isEmpty();
        assertThat(client.idle(upstream.target())).isEqualTo(1);
        UpstreamAnswer get = client.answer(ClientFixture.get(upstream.target(), "/doc"));
        assertThat(text(BodyProbe.read(get.body()))).isEqualTo("GET ");
        assertThat(upstream.acceptedCount()).isEqualTo(1);
    }

    @Test
    void aHeadAnsweredAfterEarlyHintsIsFramedAsAHeadAndKeepsTheConnection() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n");
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n");
            RecordedRequest next = socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n" + next.requestLine().substring(0, 4));
            socket.hang();
        });

        UpstreamAnswer head = client.answer(ClientFixture.request(upstream.target(), HttpMethod.HEAD, "/doc",
                new byte[0], ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(head.status().code()).isEqualTo(200);
        assertThat(head.headers().getInt("Content-Length")).isEqualTo(1234);
        assertThat(BodyProbe.read(head.body())).isEmpty();
        UpstreamAnswer get = client.answer(ClientFixture.get(upstream.target(), "/doc"));
        assertThat(text(BodyProbe.read(get.body()))).isEqualTo("GET ");
        assertThat(upstream.acceptedCount()).isEqualTo(1);
    }

    @Test
    void informationalAnswersBeforeTheRealOneAreSkipped() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 100 Continue\r\n\r\n");
            socket.send("HTTP/1.1 102 Processing\r\n\r\n");
            socket.send("HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone");
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/slow-create"));

        assertThat(answer.status().code()).isEqualTo(201);
        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("done");
        UpstreamAnswer next = client.answer(ClientFixture.get(upstream.target(), "/again"));
        assertThat(next.status().code()).isEqualTo(200);
        assertThat(text(BodyProbe.read(next.body()))).isEqualTo("again");
    }

    @Test
    void discardingAnAnswerReadsItsBodySoTheConnectionIsReused() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            socket.hang();
        });

        UpstreamAnswer busy = client.answer(ClientFixture.get(upstream.target(), "/retry-me"));
        java.util.concurrent.CountDownLatch discarded = new java.util.concurrent.CountDownLatch(1);
        busy.discard(discarded::countDown);
        assertThat(discarded.await(2, java.util.concurrent.TimeUnit.SECONDS)).as("body discarded").isTrue();
        UpstreamAnswer retried = client.answer(ClientFixture.get(upstream.target(), "/retry-me"));

        assertThat(text(BodyProbe.read(retried.body()))).isEqualTo("ok");
        assertThat(upstream.acceptedCount()).isEqualTo(1);
    }

    @Test
    void theUpstreamConnectionRunsOnTheLoopTheExchangeWasMadeOn() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            socket.hang();
        });

        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/"));
        BodyProbe.read(answer.body());

        Channel channel = client.onlyConnection();
        assertThat(channel.eventLoop()).isSameAs(client.loop);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
