package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A body nobody passes on: read to the end and dropped (an upstream answer discarded before a retry, so its
 * connection can be reused), or refused at once (the rest is not read; its connection is not reused).
 */
final class BodyDrain implements Subscriber<ByteBuf> {
    private final Runnable then;
    private final boolean refuse;

    private BodyDrain(Runnable then, boolean refuse) {
        this.then = then;
        this.refuse = refuse;
    }

    /** Reads and drops the whole body, then runs {@code then} (also when the body fails). */
    static BodyDrain thenRun(Runnable then) {
        return new BodyDrain(then, false);
    }

    /** Cancels the body as soon as it is subscribed. */
    static BodyDrain refusing() {
        return new BodyDrain(null, true);
    }

    @Override
    public void onSubscribe(Subscription s) {
        if (refuse) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(ByteBuf chunk) {
        chunk.release();
    }

    @Override
    public void onError(Throwable error) {
        done();
    }

    @Override
    public void onComplete() {
        done();
    }

    private void done() {
        if (then != null) {
            then.run();
        }
    }
}
