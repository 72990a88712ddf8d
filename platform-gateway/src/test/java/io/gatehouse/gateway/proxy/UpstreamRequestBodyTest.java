package io.gatehouse.gateway.proxy;

import static io.gatehouse.gateway.proxy.UpstreamExchangeAnswersTest.text;
import static io.gatehouse.gateway.proxy.UpstreamResponseTimeoutTest.buffer;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/** A streamed request body: framed by its Content-Length or chunked, pulled one buffer at a time, and released. */
class UpstreamRequestBodyTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();

    private final ClientFixture client = new ClientFixture();
    private final CompletableFuture<RecordedRequest> seen = new CompletableFuture<>();
    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        client.close();
        upstream.close();
    }

    private ScriptedUpstream echoing() throws Exception {
        return new ScriptedUpstream(socket -> {
            RecordedRequest request = socket.readRequest();
            seen.complete(request);
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + request.body().length + "\r\n\r\n");
            socket.send(request.body());
            socket.hang();
        });
    }

    @Test
    void aBodyWithAContentLengthIsSentAsIsWithoutChunking() throws Exception {
        upstream = echoing();
        List<ByteBuf> parts = List.of(buffer("abc"), buffer("defg"));

        UpstreamAnswer answer = client.answer(ClientFixture.streamed(upstream.target(), Flux.fromIterable(parts), 7,
                ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("abcdefg");
        RecordedRequest request = seen.get(2, TimeUnit.SECONDS);
        assertThat(request.requestLine()).isEqualTo("POST /upload HTTP/1.1");
        assertThat(request.header("Content-Length")).isEqualTo("7");
        assertThat(request.header("Transfer-Encoding")).isNull();
        assertThat(parts).allSatisfy(part -> assertThat(part.refCnt()).as("released once written").isZero());
    }

    @Test
    void aBodyWithoutAContentLengthIsSentChunked() throws Exception {
        upstream = echoing();
        List<ByteBuf> parts = List.of(buffer("one,"), buffer("two,"), buffer("three"));

        UpstreamAnswer answer = client.answer(ClientFixture.streamed(upstream.target(), Flux.fromIterable(parts), -1,
                ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("one,two,three");
        RecordedRequest request = seen.get(2, TimeUnit.SECONDS);
        assertThat(request.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(request.header("Content-Length")).isNull();
        assertThat(parts).allSatisfy(part -> assertThat(part.refCnt()).isZero());
    }

    @Test
    void anEmptyBodyWithoutAContentLengthIsAnEmptyChunkedBody() throws Exception {
        upstream = echoing();

        UpstreamAnswer answer = client.answer(ClientFixture.streamed(upstream.target(), Flux.empty(), -1,
                ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(BodyProbe.read(answer.body())).isEmpty();
        assertThat(seen.get(2, TimeUnit.SECONDS).header("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void theBodyIsAskedForOneBufferAtATime() throws Exception {
        upstream = echoing();
        List<Long> requests = new CopyOnWriteArrayList<>();
        Flux<ByteBuf> body = Flux.range(0, 20).map(i -> buffer(Integer.toString(i % 10)))
                .doOnRequest(requests::add);

        UpstreamAnswer answer = client.answer(ClientFixture.streamed(upstream.target(), body, 20,
                ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("01234567890123456789");
        assertThat(requests).hasSizeGreaterThanOrEqualTo(20).containsOnly(1L);
    }

    @Test
    void aFailingBodyFailsTheExchangeAndClosesTheConnection() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readHead();
            socket.hang();
        });
        Flux<ByteBuf> body = Flux.concat(Flux.just(buffer("part")),
                Flux.error(new IllegalStateException("the caller went away")));

        Throwable failure = client.failure(ClientFixture.streamed(upstream.target(), body, -1,
                ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("the caller went away");
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
    }

    @Test
    void anAnswerBeforeTheBodyIsSentStopsTheBodyAndTheConnectionIsNotReused() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readHead();
            socket.send("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 3\r\n\r\nbig");
            socket.hang();
        });
        AtomicBoolean cancelled = new AtomicBoolean();
        Flux<ByteBuf> endless = Flux.interval(Duration.ofMillis(20)).map(tick -> buffer("x"))
                .doOnCancel(() -> cancelled.set(true));

        UpstreamAnswer answer = client.answer(ClientFixture.streamed(upstream.target(), endless, -1,
                ClientFixture.RESPONSE_TIMEOUT_MS));

        assertThat(answer.status().code()).isEqualTo(413);
        assertThat(text(BodyProbe.read(answer.body()))).isEqualTo("big");
        Awaitility.await().atMost(Duration.ofSeconds(2)).untilTrue(cancelled);
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        assertThat(client.idle(upstream.target())).isZero();
    }
}
