package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CancellationException;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Operators;

/**
 * Streams a response body to the caller one buffer at a time: the next one is asked for only while the caller's
 * connection can take more (a slow caller slows the upstream read instead of filling memory). Signals that arrive
 * off the connection's event loop are moved onto it, and once one was, all later ones are too (order is kept).
 */
final class ResponseBodyWriter implements CoreSubscriber<ByteBuf> {
    private final CallerExchange exchange;
    private final MonoSink<Void> sink;
    private Subscription subscription;
    private boolean waitingForWritability;
    private boolean done;
    private boolean hopping;

    ResponseBodyWriter(CallerExchange exchange, MonoSink<Void> sink) {
        this.exchange = exchange;
        this.sink = sink;
        sink.onCancel(() -> exchange.onLoop(this::cancel));
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(subscription, s)) {
            subscription = s;
            s.request(1);
        }
    }

    @Override
    public void onNext(ByteBuf chunk) {
        if (mustHop()) {
            exchange.execute(() -> next(chunk));
        } else {
            next(chunk);
        }
    }

    private void next(ByteBuf chunk) {
        if (done) {
            chunk.release();
            return;
        }
        exchange.writeChunk(chunk);
        if (exchange.writable()) {
            subscription.request(1);
        } else {
            waitingForWritability = true;
        }
    }

    @Override
    public void onError(Throwable error) {
        if (mustHop()) {
            exchange.execute(() -> failed(error));
        } else {
            failed(error);
        }
    }

    private void failed(Throwable error) {
        if (!done) {
            done = true;
            exchange.abortResponse();
            sink.error(error);
        }
    }

    @Override
    public void onComplete() {
        if (mustHop()) {
            exchange.execute(this::completed);
        } else {
            completed();
        }
    }

    private void completed() {
        if (!done) {
            done = true;
            exchange.finishBody();
            sink.success();
        }
    }

    /** The caller's connection can take more again. */
    void writable() {
        if (waitingForWritability && !done) {
            waitingForWritability = false;
            subscription.request(1);
        }
    }

    /** The caller is gone or the call was cancelled: stop reading the body. */
    void cancel() {
        if (!done) {
            done = true;
            if (subscription != null) {
                subscription.cancel();
            }
            exchange.abortResponse();
            sink.error(new CancellationException("the response was cancelled"));
        }
    }

    private boolean mustHop() {
        if (!hopping && !exchange.inLoop()) {
            hopping = true;
        }
        return hopping;
    }
}
