package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads a whole request body up to a cap: a signed request's body hash needs all of it before forwarding, and a body
 * kept for retries is sent again from memory. Over the cap, the rest is not read and the receiver hears
 * {@link BodyTooLargeException}.
 */
final class SignedBodyReader implements Subscriber<ByteBuf> {
    /** Hears the outcome once, on the connection's event loop. */
    interface Receiver {
        void body(byte[] body);

        void failed(Throwable error);
    }

    private final long maxBytes;
    private final Receiver receiver;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Subscription subscription;
    private boolean done;

    private SignedBodyReader(long maxBytes, Receiver receiver) {
        this.maxBytes = maxBytes;
        this.receiver = receiver;
    }

    static void read(Publisher<ByteBuf> body, long maxBytes, Receiver receiver) {
        body.subscribe(new SignedBodyReader(maxBytes, receiver));
    }

    @Override
    public void onSubscribe(Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    /** Copies and releases the chunk (the body hands each over with its reference). */
    @Override
    public void onNext(ByteBuf chunk) {
        try {
            if (done) {
                return;
            }
            if (out.size() + (long) chunk.readableBytes() > maxBytes) {
                done = true;
                subscription.cancel();
                receiver.failed(new BodyTooLargeException());
                return;
            }
            chunk.readBytes(out, chunk.readableBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            chunk.release();
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!done) {
            done = true;
            receiver.failed(error);
        }
    }

    @Override
    public void onComplete() {
        if (!done) {
            done = true;
            receiver.body(out.toByteArray());
        }
    }

    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("body too large", null, false, false);
        }
    }
}
