package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import org.reactivestreams.Publisher;

/**
 * A response head an attempt got, from the network or made inside the gateway (mock provider, injected error). Its
 * body is either streamed ({@link #body()}) or already whole ({@link #wholeBody()}); exactly one of the two is set.
 */
interface UpstreamAnswer {
    HttpResponseStatus status();

    HttpHeaders headers();

    /** Reads and drops the body, so the connection can be reused before a retry; then runs {@code then}. */
    void discard(Runnable then);

    /** The body to pass through to the caller as it arrives; null when {@link #wholeBody()} holds it. */
    Publisher<ByteBuf> body();

    /** The whole body, made inside the gateway; null when it is streamed. */
    byte[] wholeBody();

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
            public void discard(Runnable then) {
                then.run();
            }

            @Override
            public Publisher<ByteBuf> body() {
                return null;
            }

            @Override
            public byte[] wholeBody() {
                return bytes;
            }
        };
    }
}
