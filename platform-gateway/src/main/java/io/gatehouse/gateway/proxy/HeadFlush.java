package io.gatehouse.gateway.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Lets a response head wait for the body bytes that come in the same event loop turn, so that head and body leave
 * in one write (one system call and one wake-up of the caller instead of two).
 * <p>
 * Reactor Netty writes and flushes a streamed response's head on its own and subscribes to the body only once that
 * write completed. Here the head's write is reported done at once and its flush is put off until the end of the
 * current turn of the event loop: a body that arrived from the upstream together with its head is written in the
 * meantime and goes out with it; a body that is not there yet streams after a head that is sent at the end of this
 * turn, as before. A head that cannot be written closes the connection (Netty closes it on write errors anyway).
 */
final class HeadFlush extends ChannelOutboundHandlerAdapter {
    static final String NAME = "gatehouse.headFlush";

    /** A response head was written and nothing after it: its flush is put off. */
    private boolean headOnly;
    private boolean flushScheduled;
    private Runnable delayedFlush;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        delayedFlush = () -> {
            flushScheduled = false;
            headOnly = false;
            ctx.flush();
        };
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse && !(msg instanceof HttpContent)) {
            headOnly = true;
            ctx.write(msg).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
            promise.trySuccess();
            return;
        }
        headOnly = false;
        ctx.write(msg, promise);
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (!headOnly) {
            ctx.flush();
            return;
        }
        if (!flushScheduled) {
            flushScheduled = true;
            ctx.executor().execute(delayedFlush);
        }
    }
}
