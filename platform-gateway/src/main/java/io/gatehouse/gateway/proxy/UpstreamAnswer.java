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

    /**
     * Bodies up to this size with a declared length are collected before the head is sent, so head and body go out
     * in one write (one system call and one wake-up of the caller instead of two); larger or unsized bodies stream.
     */
    int COLLECT_UP_TO_BYTES = 16 * 1024;

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
                String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
                if (length != null && length.length() <= 6 && isSmall(length)) {
                    return connection.inbound().receive().aggregate().retain();
                }
                return connection.inbound().receive().retain();
            }
        };
    }

    private static boolean isSmall(String length) {
        try {
            int bytes = Integer.parseInt(length.strip());
            return bytes > 0 && bytes <= COLLECT_UP_TO_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
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
