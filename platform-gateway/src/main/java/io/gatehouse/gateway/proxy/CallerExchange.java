package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request on a caller's connection, from its head to the end of both bodies: hands request and response to the
 * gateway's handler, frames the response (Content-Length as given, else chunked; nothing for HEAD, 1xx, 204 and
 * 304), answers {@code Expect: 100-continue} when the body is first read, and tells the connection when it may take
 * the next request. Runs on the connection's event loop.
 */
final class CallerExchange implements StreamedBody.Flow {
    private static final Logger LOG = LoggerFactory.getLogger(CallerExchange.class);
    /** Request body bytes read and thrown away after the answer went out, before closing instead of reading on. */
    private static final long MAX_DISCARDED_BYTES = 256 * 1024;
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final CallerConnection connection;
    private final ChannelHandlerContext ctx;
    private final HttpRequest head;
    private final StreamedBody body;
    private final CallerResponse response;
    private final CallerRequest request;
    private final boolean headRequest;
    private final boolean continueExpected;
    private boolean continueSent;
    private boolean requestComplete;
    private boolean responseComplete;
    private boolean closeAfterResponse;
    private boolean discarding;
    private long discardedBytes;
    /** Part of the request body was never read (dropped unread, stalled, or still on its way): the caller may send on. */
    private boolean bodyLeftUnread;
    private boolean bodyPaused;
    private boolean bodyAllowed = true;
    private ResponseBodyWriter writer;
    private boolean done;
    /** When the caller last sent body bytes, or the gateway last started waiting for them (0: not yet). */
    private long bodyWaitSinceNanos;

    CallerExchange(CallerConnection connection, ChannelHandlerContext ctx, HttpRequest head) {
        this.connection = connection;
        this.ctx = ctx;
        this.head = head;
        this.body = new StreamedBody(ctx.channel().eventLoop(), this);
        this.response = new CallerResponse(this);
        this.request = new CallerRequest(head, (InetSocketAddress) ctx.channel().remoteAddress(),
                connection.clientIp(), ctx.channel().eventLoop(), body);
        this.headRequest = HttpMethod.HEAD.equals(head.method());
        this.continueExpected = HttpUtil.is100ContinueExpected(head);
        this.closeAfterResponse = !HttpUtil.isKeepAlive(head);
    }

    void start(GatewayHandler handler) {
        try {
            handler.handle(request, response);
        } catch (RuntimeException e) {
            handlerFailed(e);
        }
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /** The caller has its whole answer; what may still come in is a request body being dropped. */
    boolean answered() {
        return responseComplete;
    }

    // --- the caller's request body ---------------------------------------------------------------------------------

    void content(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            content.release();
            requestComplete = true;
            closeAfterResponse = true;
            if (!response.hasSentHeaders()) {
                answerUnparsableBody();
            }
            body.fail(new DecoderException("the request body could not be parsed", content.decoderResult().cause()));
            finishIfDone();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        ByteBuf data = content.content();
        if (discarding) {
            discardedBytes += data.readableBytes();
            content.release();
            if (discardedBytes > MAX_DISCARDED_BYTES && !last) {
                closeAfterResponse = true;
                requestComplete = true;
                bodyLeftUnread = true;
                finishIfDone();
                return;
            }
        } else if (data.isReadable()) {
            bodyWaitSinceNanos = System.nanoTime();
            body.next(data);
        } else {
            content.release();
        }
        if (last) {
            requestComplete = true;
            body.complete();
            finishIfDone();
        }
    }

    @Override
    public void bodyCancelled() {
        discarding = true;
        pauseBody(false);
    }

    @Override
    public void bodyDemandChanged() {
        if (bodyWaitSinceNanos == 0 && body.subscribed()) {
            bodyWaitSinceNanos = System.nanoTime();
        }
        if (continueExpected && !continueSent && body.subscribed() && !response.hasSentHeaders() && !done) {
            continueSent = true;
            // Written past the codec, as bytes: its encoder pairs each response it encodes with the next request
            // method it decoded (to leave HEAD bodies out), so an encoded 100 would use up this request's method and
            // the final answer would be framed for the request behind it (behind a HEAD: sent without its body).
            ChannelHandlerContext codec = ctx.pipeline().context(HttpServerCodec.class);
            codec.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE), codec.voidPromise());
        }
        pauseBody(body.backlogged() && !discarding);
    }

    private void pauseBody(boolean pause) {
        if (pause != bodyPaused && !done) {
            bodyPaused = pause;
            bodyWaitSinceNanos = System.nanoTime();
            connection.bodyPaused(pause);
        }
    }

    // --- the response ----------------------------------------------------------------------------------------------

    /** Writes the head of a streamed response; it leaves with the first body bytes of this turn of the loop. */
    void writeHead(ResponseBodyWriter writer) {
        this.writer = writer;
        HttpHeaders headers = response.headers();
        int code = response.status().code();
        bodyAllowed = !headRequest && code >= 200 && code != 204 && code != 304;
        if (bodyAllowed && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            if (head.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
                headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
            } else {
                closeAfterResponse = true; // HTTP/1.0: the end of the body is the end of the connection
            }
        }
        connectionHeader(headers);
        ctx.write(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), headers), ctx.voidPromise());
        connection.flushSoon();
    }

    void writeChunk(ByteBuf chunk) {
        if (!bodyAllowed) {
            chunk.release();
            return;
        }
        ctx.write(new DefaultHttpContent(chunk), ctx.voidPromise());
        connection.flushSoon();
    }

    void finishBody() {
        ctx.write(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
        connection.flushSoon();
        responseComplete = true;
        response.ended();
        finishIfDone();
    }

    /** Sends a whole response (a gateway-made answer, or one with an empty body) in one message. */
    void writeWhole(byte[] bytes) {
        HttpHeaders headers = response.headers();
        int code = response.status().code();
        boolean framed = code >= 200 && code != 204 && code != 304;
        if (framed && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        }
        connectionHeader(headers);
        ByteBuf content = headRequest || !framed || bytes.length == 0 ? Unpooled.EMPTY_BUFFER
                : Unpooled.wrappedBuffer(bytes);
        ctx.write(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), content, headers,
                EmptyHttpHeaders.INSTANCE), ctx.voidPromise());
        connection.flushSoon();
        responseComplete = true;
        response.ended();
        finishIfDone();
    }

    /** The response cannot be completed (its body failed, or the call was cancelled): the connection goes. */
    void abortResponse() {
        closeAfterResponse = true;
        responseComplete = true;
        requestComplete = true;
        response.ended();
        connection.abort();
    }

    boolean writable() {
        return ctx.channel().isWritable();
    }

    void writabilityChanged() {
        if (writer != null && ctx.channel().isWritable()) {
            writer.writable();
        }
    }

    boolean inLoop() {
        return ctx.executor().inEventLoop();
    }

    void execute(Runnable task) {
        ctx.executor().execute(task);
    }

    /** Runs the action now when on the connection's loop, else queues it there. */
    void onLoop(Runnable action) {
        if (inLoop()) {
            action.run();
        } else {
            execute(action);
        }
    }

    private void connectionHeader(HttpHeaders headers) {
        if (continueExpected && !continueSent && !requestComplete) {
            // the caller holds its body back until told to send it; never told, the connection cannot carry on
            closeAfterResponse = true;
        }
        if (closeAfterResponse || connection.closing()) {
            closeAfterResponse = true;
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (!head.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }

    /**
     * How long the gateway has been waiting for more of a request body it is reading, with nothing arriving; -1 when
     * it is not waiting on the caller (no one reads the body yet, the gateway itself paused reading, or it is all in).
     */
    long bodyStalledNanos(long now) {
        if (requestComplete || done || discarding || bodyPaused || bodyWaitSinceNanos == 0) {
            return -1;
        }
        return now - bodyWaitSinceNanos;
    }

    /**
     * The caller stopped sending a request body the gateway is reading, for the idle timeout: it gets 408 at once
     * (the call is cancelled first, so the request log records the 408) or, when an answer already started, the
     * connection is closed; the body the handler reads fails either way.
     */
    void bodyStalled(long idleTimeoutNanos) {
        requestComplete = true;
        bodyLeftUnread = true;
        closeAfterResponse = true;
        String message = "the caller sent no request body data for "
                + TimeUnit.NANOSECONDS.toMillis(idleTimeoutNanos) + " ms";
        if (!response.hasSentHeaders()) {
            answerAtOnce(HttpResponseStatus.REQUEST_TIMEOUT, "request_timeout", message
                    + " (the gateway's idle timeout) - send the whole body without pauses");
        } else {
            abortResponse();
        }
        body.fail(new TimeoutException(message));
        finishIfDone();
    }

    // --- the handler's outcome and the end of the exchange ---------------------------------------------------------

    /** The handler threw: 500 when nothing was sent yet, else the connection closes mid-answer. */
    void handlerFailed(Throwable error) {
        if (done) {
            return;
        }
        if (response.hasSentHeaders()) {
            abortResponse();
            return;
        }
        int query = head.uri().indexOf('?');
        LOG.warn("gateway handler failed for {} {}: {}", head.method(), query < 0 ? head.uri()
                : head.uri().substring(0, query), error.toString(), LOG.isDebugEnabled() ? error : null);
        byte[] bytes = CallerConnection.errorBody(HttpResponseStatus.INTERNAL_SERVER_ERROR, "gateway_error",
                "the gateway failed to handle this request; see the gateway's log");
        closeAfterResponse = true;
        response.headers().clear();
        response.status(HttpResponseStatus.INTERNAL_SERVER_ERROR).header(HttpHeaderNames.CONTENT_TYPE,
                "application/json");
        response.sendBytes(bytes);
    }

    /**
     * The caller's body framing broke (a bad chunk): the caller gets 400 at once, not whatever the handler would make
     * of a failed body (the call is cancelled first, so the request log records the 400).
     */
    private void answerUnparsableBody() {
        answerAtOnce(HttpResponseStatus.BAD_REQUEST, "bad_request",
                "the request body is not valid HTTP/1.1 framing (a malformed chunk)");
    }

    /** Answers the listener's own error in place of the handler's, keeping the request id the handler set. */
    private void answerAtOnce(HttpResponseStatus status, String code, String message) {
        String requestId = response.headers().get(HeaderNames.X_REQUEST_ID);
        response.headers().clear();
        if (requestId != null) {
            response.header(HeaderNames.X_REQUEST_ID, requestId);
        }
        response.status(status).header(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.listenerErrorCode(code);
        response.cancel();
        if (response.markSentByListener()) {
            writeWhole(CallerConnection.errorBody(status, code, message));
        }
    }

    private void finishIfDone() {
        if (done || !responseComplete) {
            return;
        }
        if (!requestComplete) {
            // answered before the whole request body arrived: read the rest and drop it (or close if it is large)
            if (closeAfterResponse) {
                bodyLeftUnread = true;
                finish();
                return;
            }
            discarding = true;
            body.cancel();
            connection.answeredWhileReading();
            return;
        }
        finish();
    }

    private void finish() {
        done = true;
        if (bodyPaused) {
            bodyPaused = false;
            connection.bodyPaused(false);
        }
        connection.exchangeDone(this, closeAfterResponse, bodyLeftUnread);
    }

    /** The caller closed its connection: the call is cancelled, a body still being read fails. */
    void callerGone() {
        if (!requestComplete) {
            body.fail(new PrematureChannelClosureException("the caller closed the connection during the request body"));
        }
        done = true;
        if (writer != null) {
            writer.cancel();
        }
        response.cancel();
    }
}
