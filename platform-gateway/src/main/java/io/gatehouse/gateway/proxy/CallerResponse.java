package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The answer to a caller, built up (status, headers) and then sent once: whole ({@link #sendBytes}) or streamed
 * ({@link #send}). Used on the connection's event loop only.
 */
final class CallerResponse {
    /**
     * Header names and values are not validated again here: they come from the upstream's parsed answer (validated by
     * the client's decoder) or from the gateway itself.
     */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValueValidation(false);

    private final CallerExchange exchange;
    private HttpResponseStatus status = HttpResponseStatus.OK;
    private HttpHeaders headers = HEADERS.newHeaders();
    private boolean headSent;
    private String listenerErrorCode;

    CallerResponse(CallerExchange exchange) {
        this.exchange = exchange;
    }

    /** The error code of an answer the listener made in place of the handler's (408, 400), else null. */
    String listenerErrorCode() {
        return listenerErrorCode;
    }

    void listenerErrorCode(String code) {
        listenerErrorCode = code;
    }

    HttpResponseStatus status() {
        return status;
    }

    CallerResponse status(HttpResponseStatus status) {
        this.status = status;
        return this;
    }

    /** Sets one header, replacing what it had. */
    CallerResponse header(CharSequence name, Object value) {
        headers.set(name, value);
        return this;
    }

    /** Replaces all headers with these; the response keeps (and later changes) the object it is given. */
    CallerResponse headers(HttpHeaders replacement) {
        headers = replacement;
        return this;
    }

    HttpHeaders headers() {
        return headers;
    }

    boolean hasSentHeaders() {
        return headSent;
    }

    /** Streams the body: the head goes out now, each buffer as it comes (the writer releases them). */
    Mono<Void> send(Publisher<ByteBuf> body) {
        return Mono.create(sink -> exchange.onLoop(() -> {
            if (!markSent()) {
                Flux.from(body).subscribe(ByteBuf::release, e -> { });
                sink.error(new IllegalStateException("the response was already sent"));
                return;
            }
            ResponseBodyWriter writer = new ResponseBodyWriter(exchange, sink);
            exchange.writeHead(writer);
            body.subscribe(writer);
        }));
    }

    /** Sends the whole answer in one message. */
    Mono<Void> sendBytes(byte[] body) {
        return Mono.create(sink -> exchange.onLoop(() -> {
            if (!markSent()) {
                sink.error(new IllegalStateException("the response was already sent"));
                return;
            }
            exchange.writeWhole(body);
            sink.success();
        }));
    }

    private boolean markSent() {
        if (headSent) {
            return false;
        }
        headSent = true;
        return true;
    }
}
