package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A body as it arrives from a connection (an upstream's answer, a caller's request): a single-subscriber publisher of
 * the body's buffers, each handed over with its reference (the subscriber releases it). State lives on the
 * connection's event loop; calls from other threads hop onto it. Chunks the subscriber has not asked for yet wait
 * here while the connection stops reading (back-pressure, through {@link Flow#bodyDemandChanged}).
 */
final class StreamedBody implements Publisher<ByteBuf>, Subscription {
    /** The connection side of a body: told when the reader gives up and when it wants more or less. */
    interface Flow {
        /** The subscriber cancelled: the rest of the body is not wanted. */
        void bodyCancelled();

        /** Called after every hand-over: read on when {@link #backlogged()} is false, pause when true. */
        void bodyDemandChanged();
    }

    private final EventLoop loop;
    private final Flow exchange;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>(2);
    private Subscriber<? super ByteBuf> subscriber;
    private long demand;
    private boolean complete;
    private Throwable error;
    private boolean terminated;
    private boolean draining;
    private long bytesPassed;

    StreamedBody(EventLoop loop, Flow exchange) {
        this.loop = loop;
        this.exchange = exchange;
    }

    @Override
    public void subscribe(Subscriber<? super ByteBuf> s) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> subscribe(s));
            return;
        }
        if (subscriber != null || terminated) {
            s.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            s.onError(new IllegalStateException("a body can be read only once"));
            return;
        }
        subscriber = s;
        s.onSubscribe(this);
        drain();
    }

    @Override
    public void request(long n) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> request(n));
            return;
        }
        if (n <= 0) {
            cancel();
            subscriber.onError(new IllegalArgumentException("request(" + n + "): must be positive (rule 3.9)"));
            return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        drain();
    }

    @Override
    public void cancel() {
        if (!loop.inEventLoop()) {
            loop.execute(this::cancel);
            return;
        }
        if (terminated) {
            return;
        }
        terminated = true;
        releaseQueued();
        exchange.bodyCancelled();
    }

    /** Next chunk from the upstream (on the loop). */
    void next(ByteBuf chunk) {
        if (terminated) {
            chunk.release();
            return;
        }
        queue.add(chunk);
        drain();
    }

    void complete() {
        complete = true;
        drain();
    }

    void fail(Throwable cause) {
        if (error == null) {
            error = cause;
        }
        complete = true;
        drain();
    }

    /** The bytes handed to the subscriber so far. */
    long bytesPassed() {
        return bytesPassed;
    }

    /** True once a reader subscribed (a caller expecting {@code 100 Continue} gets it then). */
    boolean subscribed() {
        return subscriber != null;
    }

    /** True while chunks wait for the subscriber to ask for them: the exchange stops reading from the upstream. */
    boolean backlogged() {
        return !queue.isEmpty();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (subscriber != null && !terminated) {
                if (demand > 0 && !queue.isEmpty()) {
                    demand--;
                    ByteBuf chunk = queue.poll();
                    bytesPassed += chunk.readableBytes();
                    subscriber.onNext(chunk);
                    continue;
                }
                if (queue.isEmpty() && complete) {
                    terminated = true;
                    if (error != null) {
                        subscriber.onError(error);
                    } else {
                        subscriber.onComplete();
                    }
                }
                break;
            }
            if (terminated) {
                releaseQueued();
            }
        } finally {
            draining = false;
        }
        exchange.bodyDemandChanged();
    }

    private void releaseQueued() {
        ByteBuf chunk;
        while ((chunk = queue.poll()) != null) {
            chunk.release();
        }
    }
}
