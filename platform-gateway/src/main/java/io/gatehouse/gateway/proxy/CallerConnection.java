package io.gatehouse.gateway.proxy;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller's keep-alive connection to the gateway listener: one {@link CallerExchange} at a time, in order.
 * Requests a caller pipelines wait (and reading pauses) until the one before is answered. Writes of one turn of the
 * event loop leave in one flush. A connection with no request for the idle timeout is closed, and a request whose
 * body stops arriving for the idle timeout while the gateway reads it gets 408; a request that cannot be parsed gets
 * 400 (414 for a long request line, 431 for large headers) and the connection closes.
 *
 * <p>A connection closed while the caller may still be sending (a body answered early and left unread, a request
 * that could not be parsed) closes in two steps, as nginx's lingering close does: the gateway ends its side first
 * and reads and drops what still comes for a while. Closing outright with unread bytes makes the kernel reset the
 * connection, and a reset can destroy the answer before the caller reads it.
 */
final class CallerConnection extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(CallerConnection.class);
    /** A lingering close ends when the caller sends nothing for this long ... */
    static final long LINGER_SILENCE_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** ... or after this long in all. */
    static final long LINGER_MAX_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final GatewayHandler handler;
    private final long idleTimeoutNanos;
    private final ArrayDeque<Object> parked = new ArrayDeque<>(2);
    private final Runnable flushTask = this::flushNow;
    private ChannelHandlerContext ctx;
    private CallerExchange current;
    private boolean flushScheduled;
    private boolean pausedForPipelining;
    private boolean pausedForBody;
    private boolean closing;
    private boolean lingering;
    private long lingerSinceNanos;
    private long lastReadNanos;
    private long idleSinceNanos;
    private ScheduledFuture<?> idleCheck;
    /** The caller's address as text, worked out once per connection (null until its first request). */
    private String clientIp;

    CallerConnection(GatewayHandler handler, long idleTimeoutNanos) {
        this.handler = handler;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        idleSinceNanos = System.nanoTime();
        scheduleIdleCheck(idleTimeoutNanos);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            ReferenceCountUtil.release(msg);
            lastReadNanos = System.nanoTime();
            return;
        }
        if (!parked.isEmpty() || (current != null && current.requestComplete())) {
            parked.add(msg);
            pausedForPipelining = true;
            updateReading();
            return;
        }
        handle(msg);
    }

    private void handle(Object msg) {
        if (msg instanceof HttpRequest head) {
            if (head.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                rejectUnparsable(head.decoderResult().cause());
                return;
            }
            current = new CallerExchange(this, ctx, head);
            current.start(handler);
        }
        if (msg instanceof HttpContent content) {
            if (current == null) {
                content.release();
            } else {
                current.content(content);
            }
        } else if (!(msg instanceof HttpRequest)) {
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * The exchange is over: close (lingering when the caller may still be sending its body), or go on with the next
     * request.
     */
    void exchangeDone(CallerExchange exchange, boolean close, boolean callerMaySendMore) {
        if (current != exchange) {
            return;
        }
        current = null;
        idleSinceNanos = System.nanoTime();
        if ((close || closing) && callerMaySendMore) {
            closeLingering();
            return;
        }
        if (close || closing) {
            closeAfterWrites();
            return;
        }
        while (!parked.isEmpty() && (current == null || !current.requestComplete())) {
            handle(parked.poll());
        }
        if (parked.isEmpty() && pausedForPipelining) {
            pausedForPipelining = false;
            updateReading();
        }
    }

    /**
     * The answer went out before the request body was all in: the rest is read and dropped, and from now on the
     * connection counts as idle (a caller that stops sending the rest is closed at the idle timeout).
     */
    void answeredWhileReading() {
        idleSinceNanos = System.nanoTime();
    }

    void bodyPaused(boolean paused) {
        pausedForBody = paused;
        updateReading();
    }

    /** Flushes at the end of this turn of the event loop, once for all writes made in it. */
    void flushSoon() {
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(flushTask);
        }
    }

    /** Closes the connection at once (a response that cannot be completed). */
    void abort() {
        ctx.flush();
        ctx.close();
    }

    boolean closing() {
        return closing;
    }

    /** The listener is stopping: close now when idle, else after the response in progress. */
    void shutDown() {
        closing = true;
        if (current == null) {
            closeAfterWrites();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) {
            current.writabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        CallerExchange gone = current;
        current = null;
        if (gone != null) {
            gone.callerGone();
        }
        Object msg;
        while ((msg = parked.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.debug("caller connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private void flushNow() {
        flushScheduled = false;
        ctx.flush();
    }

    private void closeAfterWrites() {
        flushScheduled = false;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Sends what is written, ends the gateway's side of the connection, then reads and drops whatever the caller still
     * sends until it closes, goes quiet, or lingers too long (see the class comment).
     */
    private void closeLingering() {
        if (lingering) {
            return;
        }
        lingering = true;
        flushScheduled = false;
        Object msg;
        while ((msg = parked.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
        lingerSinceNanos = System.nanoTime();
        lastReadNanos = lingerSinceNanos;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> {
            if (!written.isSuccess() || !(ctx.channel() instanceof DuplexChannel duplex)) {
                ctx.close();
                return;
            }
            duplex.shutdownOutput().addListener(shut -> {
                if (!shut.isSuccess()) {
                    ctx.close();
                }
            });
        });
        pausedForPipelining = false;
        pausedForBody = false;
        updateReading();
        if (idleCheck != null) {
            idleCheck.cancel(false);
        }
        idleCheck = ctx.executor().schedule(this::checkLinger, LINGER_SILENCE_NANOS, TimeUnit.NANOSECONDS);
    }

    private void checkLinger() {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        long quietFor = now - lastReadNanos;
        long lingeredFor = now - lingerSinceNanos;
        if (quietFor >= LINGER_SILENCE_NANOS || lingeredFor >= LINGER_MAX_NANOS) {
            ctx.close();
            return;
        }
        long next = Math.min(LINGER_SILENCE_NANOS - quietFor, LINGER_MAX_NANOS - lingeredFor);
        idleCheck = ctx.executor().schedule(this::checkLinger, next, TimeUnit.NANOSECONDS);
    }

    private void updateReading() {
        boolean read = lingering || (!pausedForPipelining && !pausedForBody);
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    private void rejectUnparsable(Throwable cause) {
        HttpResponseStatus status;
        String message;
        if (cause instanceof TooLongHttpLineException) {
            status = HttpResponseStatus.REQUEST_URI_TOO_LONG;
            message = "the request line is too long (at most " + GatewayListener.MAX_INITIAL_LINE_BYTES + " bytes)";
        } else if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            status = HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            message = "the request headers are too large (at most " + GatewayListener.MAX_HEADER_BYTES + " bytes)";
        } else {
            status = HttpResponseStatus.BAD_REQUEST;
            message = "the request is not valid HTTP/1.1 (request line, header names or values, or body framing)";
        }
        byte[] body = errorBody(status, "bad_request", message);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        closing = true;
        ctx.write(response);
        closeLingering();
    }

    /** The JSON body of an answer the listener makes itself (no route involved); the message is plain text. */
    static byte[] errorBody(HttpResponseStatus status, String code, String message) {
        return ("{\"error\":{\"status\":" + status.code() + ",\"code\":\"" + code + "\",\"message\":\"" + message
                + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private void scheduleIdleCheck(long delayNanos) {
        idleCheck = ctx.executor().schedule(this::checkIdle, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void checkIdle() {
        if (!ctx.channel().isActive() || lingering) {
            return;
        }
        if (current != null && !current.answered()) {
            // a call in progress is not idle - unless it waits for a request body the caller stopped sending
            long stalledFor = current.bodyStalledNanos(System.nanoTime());
            if (stalledFor >= idleTimeoutNanos) {
                current.bodyStalled(idleTimeoutNanos);
                if (lingering) {
                    return; // the lingering close has its own timer
                }
                stalledFor = -1;
            }
            scheduleIdleCheck(stalledFor < 0 ? idleTimeoutNanos : idleTimeoutNanos - stalledFor);
            return;
        }
        if (!parked.isEmpty()) {
            scheduleIdleCheck(idleTimeoutNanos);
            return;
        }
        long idleFor = System.nanoTime() - idleSinceNanos;
        if (idleFor >= idleTimeoutNanos) {
            ctx.close();
        } else {
            scheduleIdleCheck(idleTimeoutNanos - idleFor);
        }
    }

    /** The caller's IP address as text ("unknown" when the channel has none). */
    String clientIp() {
        if (clientIp == null) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            clientIp = remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
        }
        return clientIp;
    }
}
