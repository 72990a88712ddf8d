package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.CancellationException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Streams a response body to the caller one buffer at a time: the next one is asked for only while the caller's
 * connection can take more (a slow caller slows the upstream read instead of filling memory). Signals that arrive
 * off the connection's event loop are moved onto it, and once one was, all later ones are too (order is kept).
 */
final class ResponseBodyWriter implements Subscriber<ByteBuf> {
    private final CallerExchange exchange;
    private final CallerResponse.BodyObserver observer;
    private Subscription subscription;
    private boolean waitingForWritability;
    private boolean done;
    private boolean hopping;

    ResponseBodyWriter(CallerExchange exchange, CallerResponse.BodyObserver observer) {
        this.exchange = exchange;
        this.observer = observer;
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (subscription != null) {
            s.cancel();
            return;
        }
        subscription = s;
        s.request(1);
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
        observer.sent(chunk.readableBytes());
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
            observer.failed(error);
            exchange.abortResponse();
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
            observer.failed(new CancellationException("the response was cancelled"));
            exchange.abortResponse();
        }
    }

    private boolean mustHop() {
        if (!hopping && !exchange.inLoop()) {
            hopping = true;
        }
        return hopping;
    }
}
