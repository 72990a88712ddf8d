package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayDeque;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Operators;

/**
 * An upstream response body as it arrives: a single-subscriber publisher of the body's buffers, each handed over
 * with its reference (the subscriber releases it). State lives on the connection's event loop; calls from other
 * threads hop onto it. Chunks the subscriber has not asked for yet wait here while the exchange stops reading from
 * the upstream (back-pressure); cancelling closes the upstream connection.
 */
final class UpstreamBody implements Publisher<ByteBuf>, Subscription {
    private final EventLoop loop;
    private final UpstreamExchange exchange;
    private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>(2);
    private Subscriber<? super ByteBuf> subscriber;
    private long demand;
    private boolean complete;
    private Throwable error;
    private boolean terminated;
    private boolean draining;

    UpstreamBody(EventLoop loop, UpstreamExchange exchange) {
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
            Operators.error(s, new IllegalStateException("an upstream body can be read only once"));
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
        demand = Operators.addCap(demand, n);
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
                    subscriber.onNext(queue.poll());
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
