import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The floor for a proxy on the JVM: a bare Netty HTTP/1.1 proxy with none of Gatehouse's features (no routing, auth,
 * retries, timeouts, logging, error handling). Each caller connection gets one upstream connection on the same event
 * loop and messages are passed through as decoded. Only for bench/netty-floor/run.sh - never a product path.
 * Arguments: listen port, upstream host, upstream port, event loops.
 */
public final class BareNettyProxy {
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        String upstreamHost = args[1];
        int upstreamPort = Integer.parseInt(args[2]);
        EventLoopGroup loops = new EpollEventLoopGroup(Integer.parseInt(args[3]));
        new ServerBootstrap().group(loops).channel(EpollServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpServerCodec(), new Front(upstreamHost, upstreamPort));
                    }
                })
                .bind("127.0.0.1", port).sync();
        System.out.println("bare Netty proxy on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    private static final class Front extends ChannelInboundHandlerAdapter {
        private final String upstreamHost;
        private final int upstreamPort;
        private Channel upstream;

        Front(String upstreamHost, int upstreamPort) {
            this.upstreamHost = upstreamHost;
            this.upstreamPort = upstreamPort;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel caller = ctx.channel();
            caller.config().setAutoRead(false);
            ChannelFuture connected = new Bootstrap().group(caller.eventLoop()).channel(EpollSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpClientCodec(), new Back(caller));
                        }
                    })
                    .connect(upstreamHost, upstreamPort);
            upstream = connected.channel();
            connected.addListener(done -> caller.config().setAutoRead(true));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest request) {
                request.headers().set("Host", upstreamHost + ":" + upstreamPort);
            }
            if (msg instanceof LastHttpContent) {
                upstream.writeAndFlush(msg);
            } else {
                upstream.write(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            upstream.close();
        }
    }

    private static final class Back extends ChannelInboundHandlerAdapter {
        private final Channel caller;

        Back(Channel caller) {
            this.caller = caller;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof LastHttpContent) {
                caller.writeAndFlush(msg);
            } else {
                caller.write(msg);
            }
        }
    }
}
