package io.gatehouse.gateway.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import reactor.netty.resources.LoopResources;

/**
 * The gateway's HTTP/1.1 listener: plain Netty (codec, then {@link CallerConnection}) on the gateway's event loops.
 * Reactor Netty's server did the same with more machinery per request (a reactive bridge, a handler added and removed
 * for the idle timeout, reading switched off and on with two system calls); measured in {@code bench/run.sh}.
 */
final class GatewayListener {
    static final int MAX_INITIAL_LINE_BYTES = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    private static final int MAX_CHUNK_BYTES = 8192;

    private final Channel serverChannel;
    private final ChannelGroup connections;

    private GatewayListener(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /** @param nativeTransport epoll (or kqueue) when true and available, else NIO */
    static GatewayListener bind(LoopResources loops, boolean nativeTransport, String host, int port,
                                Duration idleTimeout, GatewayHandler handler) {
        EventLoopGroup group = loops.onServer(nativeTransport);
        ChannelGroup connections = new DefaultChannelGroup("gatehouse-gateway-callers", GlobalEventExecutor.INSTANCE);
        long idleNanos = idleTimeout.toNanos();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(loops.onChannelClass(ServerSocketChannel.class, group))
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        connections.add(channel);
                        channel.pipeline().addLast("codec",
                                new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
                        channel.pipeline().addLast("caller", new CallerConnection(handler, idleNanos));
                    }
                });
        Channel server = bootstrap.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        return new GatewayListener(server, connections);
    }

    int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    boolean isOpen() {
        return serverChannel.isOpen();
    }

    /**
     * Stops accepting, lets the responses in progress finish (each connection closes after its current one) for up
     * to {@code grace}, then closes what is left.
     */
    void close(Duration grace) {
        serverChannel.close().syncUninterruptibly();
        for (Channel channel : connections) {
            CallerConnection connection = channel.pipeline().get(CallerConnection.class);
            if (connection != null) {
                channel.eventLoop().execute(connection::shutDown);
            } else {
                channel.close();
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        connections.close().awaitUninterruptibly(grace.toMillis());
    }
}
