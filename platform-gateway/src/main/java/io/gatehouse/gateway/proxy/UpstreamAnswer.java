package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientResponse;

/** A response head an attempt got, from the network or made inside the gateway (mock provider, injected error). */
interface UpstreamAnswer {
    HttpResponseStatus status();

    HttpHeaders headers();

    /** Reads and drops the body, so the connection can be reused before a retry. */
    Mono<Void> discard();

    /** The body to pass through to the caller. */
    Publisher<ByteBuf> body();

    static UpstreamAnswer of(HttpClientResponse response, Connection connection) {
        return new UpstreamAnswer() {
            @Override
            public HttpResponseStatus status() {
                return response.status();
            }

            @Override
            public HttpHeaders headers() {
                return response.responseHeaders();
            }

            @Override
            public Mono<Void> discard() {
                return connection.inbound().receive().then();
            }

            @Override
            public Publisher<ByteBuf> body() {
                return connection.inbound().receive().retain();
            }
        };
    }

    static UpstreamAnswer local(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = new DefaultHttpHeaders()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return new UpstreamAnswer() {
            @Override
            public HttpResponseStatus status() {
                return HttpResponseStatus.valueOf(status);
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public Mono<Void> discard() {
                return Mono.empty();
            }

            @Override
            public Publisher<ByteBuf> body() {
                return bytes.length == 0 ? Flux.empty() : Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bytes));
            }
        };
    }
}
