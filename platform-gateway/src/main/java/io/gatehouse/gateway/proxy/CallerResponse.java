package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;

/**
 * The answer to a caller, built up (status, headers) and then sent once: whole ({@link #sendBytes}) or streamed
 * ({@link #send}). Also where a call's handler and the listener meet: the handler says what to stop if the call is
 * cancelled ({@link #whileWaiting}) and what to do once it is over ({@link #whenEnded}). Used on the connection's
 * event loop; sends from other threads move onto it.
 */
final class CallerResponse {
    /**
     * Header names and values are not validated again here: they come from the upstream's parsed answer (validated by
     * the client's decoder) or from the gateway itself.
     */
    private static final HttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withNameValidation(false).withValueValidation(false);

    /** Told how a streamed body went. */
    interface BodyObserver {
        /** A chunk of {@code bytes} went to the caller. */
        void sent(int bytes);

        /** The body could not be completed: the upstream failed, or the call was cancelled. */
        void failed(Throwable error);
    }

    private final CallerExchange exchange;
    private HttpResponseStatus status = HttpResponseStatus.OK;
    private HttpHeaders headers = HEADERS.newHeaders();
    private boolean headSent;
    private boolean cancelled;
    private boolean ended;
    private String listenerErrorCode;
    private Runnable onCancel;
    private Runnable onEnd;

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

    /** True once the listener cancelled the call; the handler's sends are then ignored. */
    boolean cancelled() {
        return cancelled;
    }

    /**
     * What to stop if the call is cancelled before it is answered (a pending attempt, a timer); replaces the previous
     * action, null for none.
     */
    void whileWaiting(Runnable cancel) {
        onCancel = cancel;
    }

    /**
     * Runs {@code action} once the call is over: answered in full, cut short, or cancelled. Actions run on the
     * event loop, the last registered first (like nested finally blocks).
     */
    void whenEnded(Runnable action) {
        Runnable outer = onEnd;
        onEnd = outer == null ? action : () -> {
            try {
                action.run();
            } finally {
                outer.run();
            }
        };
    }

    /** Streams the body: the head goes out now, each buffer as it comes (the writer releases them). */
    void send(Publisher<ByteBuf> body, BodyObserver observer) {
        exchange.onLoop(() -> {
            if (cancelled || !markSent()) {
                body.subscribe(BodyDrain.refusing());
                return;
            }
            ResponseBodyWriter writer = new ResponseBodyWriter(exchange, observer);
            exchange.writeHead(writer);
            body.subscribe(writer);
        });
    }

    /** Sends the whole answer in one message. */
    void sendBytes(byte[] body) {
        exchange.onLoop(() -> {
            if (!cancelled && markSent()) {
                exchange.writeWhole(body);
            }
        });
    }

    /** The handler failed unexpectedly: the caller gets a 500 if nothing was sent yet, else the connection closes. */
    void fail(Throwable error) {
        exchange.onLoop(() -> {
            if (!cancelled && !ended) {
                exchange.handlerFailed(error);
            }
        });
    }

    /** The listener answers (or gives up) in the handler's place: stops what the handler waits for. */
    void cancel() {
        if (cancelled || ended) {
            return;
        }
        cancelled = true;
        Runnable action = onCancel;
        onCancel = null;
        if (action != null) {
            action.run();
        }
        ended();
    }

    /** The listener's own answer in place of the handler's (after {@link #cancel}). */
    boolean markSentByListener() {
        return markSent();
    }

    /** The call is over (answered, cut short or cancelled): runs the end actions once. */
    void ended() {
        if (ended) {
            return;
        }
        ended = true;
        onCancel = null;
        Runnable action = onEnd;
        onEnd = null;
        if (action != null) {
            action.run();
        }
    }

    private boolean markSent() {
        if (headSent) {
            return false;
        }
        headSent = true;
        return true;
    }
}
