package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * One request/response exchange with an upstream, from taking a connection to the end of the response body. Runs on
 * the pool's event loop. The answer is handed over when its head arrives (the body follows through
 * {@link StreamedBody}); a per-try response timeout guards only the wait for that head, the route deadline (when the
 * request has one) every phase before the head - in the pool's line, connecting, sending, waiting - with at most one
 * timer armed at a time, and a body idle timeout the gaps between body chunks while the caller is ready for more (a
 * stalled upstream would otherwise hold the call open until the caller gives up). The connection goes back to the
 * pool when both the request and the response are complete and the upstream keeps the connection alive; otherwise,
 * or when anything goes wrong or is cancelled, it is closed.
 */
final class UpstreamExchange implements StreamedBody.Flow {
    /** The message of the {@link TimeoutException} an exchange fails with when the route deadline passes. */
    static final String ROUTE_DEADLINE_PASSED = "route deadline passed";

    /** The failure of an attempt whose route deadline passed before its response head, whatever the phase. */
    static TimeoutException routeDeadlineFailure() {
        return new TimeoutException(ROUTE_DEADLINE_PASSED);
    }

    /** Where the exchange reports its outcome, once, on the pool's loop; nothing after {@link #cancel}. */
    interface Listener {
        /** The response head arrived; its body follows. */
        void answered(UpstreamAnswer answer);

        /** No response head: the connection, the request or the wait for the head failed. */
        void failed(Throwable cause);
    }

    private final EventLoop loop;
    private final UpstreamRequest request;
    private final Listener listener;
    private UpstreamPool pool;
    private UpstreamConnection connection;
    private ScheduledFuture<?> timer;
    private StreamedBody body;
    private RequestBodyWriter bodyWriter;
    private boolean headReceived;
    private boolean skippingInformational;
    private boolean requestDone;
    private boolean responseDone;
    private boolean keepAlive;
    private boolean readingPaused;
    private boolean finished;
    private boolean cancelled;
    private long lastBodyActivityNanos;

    UpstreamExchange(EventLoop loop, UpstreamRequest request, Listener listener) {
        this.loop = loop;
        this.request = request;
        this.listener = listener;
    }

    UpstreamRequest request() {
        return request;
    }

    void start(UpstreamPool owner) {
        pool = owner;
        if (cancelled) {
            return;
        }
        pool.acquire(this);
        if (connection == null && timer == null && !finished && !cancelled) {
            armRouteDeadline(); // a new connection is being opened
        }
    }

    void waitingSince(ScheduledFuture<?> acquireTimeout) {
        timer = acquireTimeout;
    }

    /** How long a call may wait in the pool's line: the pool's limit, or less when the route deadline comes first. */
    long waitLimitNanos(long acquireTimeoutNanos) {
        return Math.max(1, Math.min(acquireTimeoutNanos, request.nanosToRouteDeadline(System.nanoTime())));
    }

    /** True once the route deadline passed (the head did not come in time, whatever the phase). */
    boolean routeDeadlinePassed() {
        return request.nanosToRouteDeadline(System.nanoTime()) <= 0;
    }

    /**
     * Until the request is sent, nothing else bounds the wait by the route deadline (connecting, or a body the
     * upstream is slow to take); once it is sent, the per-try timer does ({@link #requestWritten}).
     */
    private void armRouteDeadline() {
        long left = request.nanosToRouteDeadline(System.nanoTime());
        if (left != Long.MAX_VALUE) {
            timer = loop.schedule(this::routeDeadlineReached, Math.max(1, left), TimeUnit.NANOSECONDS);
        }
    }

    private void routeDeadlineReached() {
        timer = null;
        if (finished || headReceived || cancelled) {
            return;
        }
        cancel();
        listener.failed(routeDeadlineFailure());
    }

    void acquireFailed(Throwable cause) {
        cancelTimer();
        if (!cancelled && !finished) {
            finished = true;
            listener.failed(cause);
        }
    }

    void connectionReady(UpstreamConnection taken, boolean fromIdlePool) {
        cancelTimer();
        if (cancelled || finished) {
            taken.finished(true);
            return;
        }
        connection = taken;
        taken.serve(this);
        request.reuse().connectionTaken(fromIdlePool);
        writeRequest(taken.channel());
        if (!requestDone && timer == null && !finished) {
            armRouteDeadline(); // the request is still being sent
        }
    }

    private void writeRequest(Channel channel) {
        if (request.body() != null) {
            ByteBuf content = request.body().length == 0 ? Unpooled.EMPTY_BUFFER
                    : Unpooled.wrappedBuffer(request.body());
            channel.writeAndFlush(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(),
                    content, request.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE))
                    .addListener(this::requestWritten);
            return;
        }
        DefaultHttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, request.method(), request.uri(),
                request.headers());
        if (!request.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        channel.writeAndFlush(head).addListener(this::writeFailed);
        bodyWriter = new RequestBodyWriter(channel);
        request.streamedBody().subscribe(bodyWriter);
    }

    private void requestWritten(io.netty.util.concurrent.Future<? super Void> write) {
        if (!write.isSuccess()) {
            writeFailed(write);
            return;
        }
        requestDone = true;
        if (!headReceived && !finished) {
            // Per-try timeout: from the whole request being sent until the response head arrives; one timer for it
            // and the route deadline, whichever comes first.
            cancelTimer();
            timer = loop.schedule(this::responseTimedOut, waitLimitNanos(
                    TimeUnit.MILLISECONDS.toNanos(request.responseTimeoutMs())), TimeUnit.NANOSECONDS);
        }
        finishIfComplete();
    }

    private void writeFailed(io.netty.util.concurrent.Future<? super Void> write) {
        if (!write.isSuccess()) {
            connectionLost(write.cause());
        }
    }

    void headArrived(HttpResponse head) {
        if (finished || headReceived) {
            return;
        }
        if (head.decoderResult().isFailure()) {
            Throwable cause = head.decoderResult().cause();
            // The decoder reports a close in the middle of the headers as a failed head: it is the same premature
            // closure as one before the head began, not an invalid answer.
            fail(cause instanceof DecoderException || cause instanceof PrematureChannelClosureException ? cause
                    : new DecoderException(cause));
            return;
        }
        int status = head.status().code();
        if (status >= 100 && status < 200 && status != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
            skippingInformational = true; // 100 Continue and the like: the real head follows
            return;
        }
        headReceived = true;
        cancelTimer();
        keepAlive = HttpUtil.isKeepAlive(head);
        body = new StreamedBody(loop, this);
        lastBodyActivityNanos = System.nanoTime();
        listener.answered(new Answer(head, body));
    }

    void contentArrived(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (skippingInformational || !headReceived || finished) {
            content.release();
            if (last) {
                skippingInformational = false;
            }
            return;
        }
        if (content.decoderResult().isFailure()) {
            // A malformed chunk: the decoder drops everything after it, so the body is cut short and the connection
            // cannot carry another call.
            Throwable cause = content.decoderResult().cause();
            content.release();
            fail(cause instanceof DecoderException ? cause : new DecoderException(cause));
            return;
        }
        lastBodyActivityNanos = System.nanoTime();
        ByteBuf chunk = content.content();
        if (chunk.isReadable()) {
            body.next(chunk);
        } else {
            content.release();
        }
        if (last) {
            responseDone = true;
            body.complete();
            finishIfComplete();
        }
    }

    /** The connection closed or failed ({@code cause} null: closed by the upstream). */
    void connectionLost(Throwable cause) {
        if (finished) {
            return;
        }
        fail(cause != null ? cause : new PrematureChannelClosureException(headReceived
                ? "the upstream closed the connection before the end of the response body"
                : "the upstream closed the connection before a response head"));
    }

    private void fail(Throwable cause) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimer();
        stopBodyWriter();
        if (connection != null) {
            connection.finished(false);
        }
        if (!headReceived) {
            if (!cancelled) {
                listener.failed(cause);
            }
        } else if (!responseDone) {
            body.fail(cause);
        }
    }

    /**
     * The connection's read ended: a body still to come now gets its idle timer. Armed here, after the read, because
     * a body that came with its head (most answers) is done by then and needs no timer.
     */
    void readComplete() {
        if (headReceived && !finished && timer == null && request.bodyIdleTimeoutMs() > 0) {
            scheduleBodyIdleCheck(request.bodyIdleTimeoutMs());
        }
    }

    /**
     * One timer for the whole body, not one per chunk: when it fires it looks at the time of the last chunk and sleeps
     * again for the rest of the period. While reading is paused because the caller is slow, the upstream is not
     * stalled, so the period starts over when reading resumes.
     */
    private void scheduleBodyIdleCheck(long delayMs) {
        if (request.bodyIdleTimeoutMs() > 0 && !finished) {
            timer = loop.schedule(this::checkBodyIdle, Math.max(1, delayMs), TimeUnit.MILLISECONDS);
        }
    }

    private void checkBodyIdle() {
        timer = null;
        if (finished) {
            return;
        }
        long idleMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastBodyActivityNanos);
        if (readingPaused || idleMs < request.bodyIdleTimeoutMs()) {
            scheduleBodyIdleCheck(readingPaused ? request.bodyIdleTimeoutMs() : request.bodyIdleTimeoutMs() - idleMs);
            return;
        }
        fail(new BodyStalledException(request.bodyIdleTimeoutMs()));
    }

    /** The upstream sent a response head, then nothing more for the body idle timeout. */
    static final class BodyStalledException extends java.util.concurrent.TimeoutException {
        BodyStalledException(long idleTimeoutMs) {
            super("the upstream sent no response body data for " + idleTimeoutMs + " ms (body idle timeout)");
        }
    }

    private void responseTimedOut() {
        timer = null;
        if (headReceived || finished) {
            return;
        }
        if (routeDeadlinePassed()) {
            routeDeadlineReached();
        } else {
            fail(ReadTimeoutException.INSTANCE);
        }
    }

    /** The attempt no longer wants an answer (route deadline, caller gone): on any thread. */
    void cancel() {
        if (!loop.inEventLoop()) {
            loop.execute(this::cancel);
            return;
        }
        if (cancelled || headReceived) {
            return;
        }
        cancelled = true;
        if (pool != null && connection == null) {
            pool.leaveLine(this);
            cancelTimer();
            return;
        }
        fail(new java.util.concurrent.CancellationException());
    }

    @Override
    public void bodyCancelled() {
        if (!finished) {
            finished = true;
            cancelTimer();
            stopBodyWriter();
            connection.finished(false);
        }
    }

    @Override
    public void bodyDemandChanged() {
        if (finished || connection == null) {
            return;
        }
        boolean pause = body.backlogged();
        if (pause != readingPaused) {
            readingPaused = pause;
            lastBodyActivityNanos = System.nanoTime();
            connection.channel().config().setAutoRead(!pause);
        }
    }

    private void finishIfComplete() {
        if (finished || !responseDone) {
            return;
        }
        if (!requestDone) {
            // The upstream answered before the request body was all sent: the connection cannot carry another call.
            finished = true;
            cancelTimer();
            stopBodyWriter();
            connection.finished(false);
            return;
        }
        finished = true;
        cancelTimer();
        if (readingPaused) {
            connection.channel().config().setAutoRead(true);
        }
        connection.finished(keepAlive);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void stopBodyWriter() {
        if (bodyWriter != null) {
            bodyWriter.stop();
        }
    }

    /** Streams the caller's body to the upstream one chunk at a time, asking for the next when one is written. */
    private final class RequestBodyWriter implements Subscriber<ByteBuf> {
        private final Channel channel;
        private Subscription subscription;
        private boolean stopped;

        RequestBodyWriter(Channel channel) {
            this.channel = channel;
        }

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
            if (stopped) {
                s.cancel();
            } else {
                s.request(1);
            }
        }

        @Override
        public void onNext(ByteBuf chunk) {
            if (!channel.eventLoop().inEventLoop()) {
                channel.eventLoop().execute(() -> onNext(chunk));
                return;
            }
            if (stopped) {
                chunk.release();
                return;
            }
            ChannelFuture write = channel.writeAndFlush(new DefaultHttpContent(chunk));
            write.addListener(done -> {
                if (!done.isSuccess()) {
                    writeFailed(done);
                } else if (!stopped) {
                    subscription.request(1);
                }
            });
        }

        @Override
        public void onError(Throwable error) {
            if (!channel.eventLoop().inEventLoop()) {
                channel.eventLoop().execute(() -> onError(error));
                return;
            }
            stopped = true;
            fail(error);
        }

        @Override
        public void onComplete() {
            if (!channel.eventLoop().inEventLoop()) {
                channel.eventLoop().execute(this::onComplete);
                return;
            }
            if (stopped) {
                return;
            }
            channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(UpstreamExchange.this::requestWritten);
        }

        void stop() {
            if (!stopped) {
                stopped = true;
                if (subscription != null) {
                    subscription.cancel();
                }
            }
        }
    }

    /** The head as it arrived and its body still to come. */
    private static final class Answer implements UpstreamAnswer {
        private final HttpResponse head;
        private final StreamedBody body;

        Answer(HttpResponse head, StreamedBody body) {
            this.head = head;
            this.body = body;
        }

        @Override
        public HttpResponseStatus status() {
            return head.status();
        }

        @Override
        public io.netty.handler.codec.http.HttpHeaders headers() {
            return head.headers();
        }

        @Override
        public void discard(Runnable then) {
            body.subscribe(BodyDrain.thenRun(then));
        }

        @Override
        public org.reactivestreams.Publisher<ByteBuf> body() {
            return body;
        }

        @Override
        public byte[] wholeBody() {
            return null;
        }
    }
}
