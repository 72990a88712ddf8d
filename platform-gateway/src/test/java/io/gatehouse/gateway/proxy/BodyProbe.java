package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads an upstream body as the proxy does: copies each buffer, releases it at once, and checks the client handed it
 * over with exactly one reference (refCnt 1 on arrival, 0 after our single release).
 */
final class BodyProbe implements Subscriber<ByteBuf> {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();
    private final List<String> referenceProblems = new CopyOnWriteArrayList<>();
    private volatile int buffers;

    /** The whole body, failing when it fails or does not end within two seconds. */
    static byte[] read(Publisher<ByteBuf> body) throws Exception {
        BodyProbe probe = new BodyProbe();
        body.subscribe(probe);
        return probe.await();
    }

    /** How the body ended with an error (never completing normally), within two seconds. */
    static Throwable failureOf(Publisher<ByteBuf> body) throws Exception {
        BodyProbe probe = new BodyProbe();
        body.subscribe(probe);
        try {
            byte[] unexpected = probe.done.get(2, TimeUnit.SECONDS);
            throw new AssertionError("the body completed normally with " + unexpected.length + " bytes");
        } catch (ExecutionException failed) {
            probe.assertReferencesHandedOver();
            return failed.getCause();
        } catch (TimeoutException hung) {
            throw new AssertionError("the body neither completed nor failed within 2 s (it hangs)");
        }
    }

    byte[] await() throws Exception {
        try {
            byte[] body = done.get(2, TimeUnit.SECONDS);
            assertReferencesHandedOver();
            return body;
        } catch (TimeoutException hung) {
            throw new AssertionError("the body did not end within 2 s; " + bytes.size() + " bytes so far");
        }
    }

    int buffers() {
        return buffers;
    }

    private void assertReferencesHandedOver() {
        if (!referenceProblems.isEmpty()) {
            throw new AssertionError("buffers not handed over with exactly one reference: " + referenceProblems);
        }
    }

    @Override
    public void onSubscribe(Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuf buffer) {
        int onArrival = buffer.refCnt();
        synchronized (bytes) {
            copy(buffer, bytes);
        }
        buffer.release();
        buffers++;
        if (onArrival != 1 || buffer.refCnt() != 0) {
            referenceProblems.add("refCnt " + onArrival + " on arrival, " + buffer.refCnt() + " after one release");
        }
    }

    private static void copy(ByteBuf buffer, ByteArrayOutputStream to) {
        byte[] chunk = new byte[buffer.readableBytes()];
        buffer.readBytes(chunk);
        to.writeBytes(chunk);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        synchronized (bytes) {
            done.complete(bytes.toByteArray());
        }
    }
}
