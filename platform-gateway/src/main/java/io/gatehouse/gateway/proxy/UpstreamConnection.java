package io.gatehouse.gateway.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * One pooled connection to an upstream: the last handler of its pipeline, passing what arrives to the exchange
 * that uses the connection now. Data arriving while the connection is idle in the pool is not an answer to anything,
 * so the connection is closed.
 */
final class UpstreamConnection extends ChannelInboundHandlerAdapter {
    private final UpstreamPool pool;
    private Channel channel;
    private UpstreamExchange exchange;
    private long idleSince;
    private boolean counted;

    UpstreamConnection(UpstreamPool pool) {
        this.pool = pool;
    }

    Channel channel() {
        return channel;
    }

    boolean isOpen() {
        return channel != null && channel.isActive();
    }

    long idleSince() {
        return idleSince;
    }

    void idleSince(long nanos) {
        idleSince = nanos;
    }

    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /** The exchange that uses this connection from now until {@link #finished}. */
    void serve(UpstreamExchange next) {
        exchange = next;
    }

    /** Whether the request now on this connection is a HEAD, whose answer never has a body. */
    boolean answeringHead() {
        UpstreamExchange current = exchange;
        return current != null && current.request().method().equals(HttpMethod.HEAD);
    }

    /** The exchange is done with the connection; back to the pool when it may carry another request, else closed. */
    void finished(boolean reusable) {
        exchange = null;
        if (reusable && isOpen()) {
            pool.release(this);
        } else {
            close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        counted = true;
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        UpstreamExchange current = exchange;
        if (current == null) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof HttpResponse head) {
            current.headArrived(head);
        }
        if (msg instanceof HttpContent content) {
            if (exchange == current) {
                current.contentArrived(content);
            } else {
                content.release();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        UpstreamExchange current = exchange;
        if (current != null) {
            current.readComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (counted) {
            counted = false;
            pool.closed(this);
        }
        UpstreamExchange current = exchange;
        exchange = null;
        if (current != null) {
            current.connectionLost(null);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        UpstreamExchange current = exchange;
        exchange = null;
        if (current != null) {
            current.connectionLost(cause);
        }
        ctx.close();
    }
}
