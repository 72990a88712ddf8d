package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.UpstreamTarget;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import reactor.netty.resources.LoopResources;

/**
 * The gateway's HTTP/1.1 client for proxied calls, written on plain Netty: per event loop, a {@link UpstreamPool} per
 * upstream origin. It does what the proxy needs and nothing else, which costs a fraction of a general-purpose client
 * per call (measured in bench/netty-floor: Reactor Netty's server with this kind of client reached about nginx's
 * rate, with Reactor Netty's client about half of it).
 * <p>
 * A new connection is checked against the SSRF policy once connected, on the address DNS gave (a name that resolves
 * inward is refused), before anything is sent; https targets then get TLS with the JVM's trust store and host name
 * verification. Names are resolved asynchronously (Netty's DNS resolver, which reads the hosts file too); redirects
 * are never followed (this client does not know them).
 */
final class UpstreamConnector {
    /** Response head limits: longer lines or headers are not valid answers (502 upstream_invalid_response). */
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 8192;
    private static final int MAX_CHUNK_SIZE = 8192;

    private final UpstreamAddressPolicy policy;
    private final LoopResources loops;
    private final UpstreamPool.Limits limits;
    private final Map<EventLoop, OfLoop> byLoop = new ConcurrentHashMap<>();
    /** One resolver group per transport (its DNS channels must match the loops'). */
    private final Map<Class<?>, DnsAddressResolverGroup> resolvers = new ConcurrentHashMap<>();
    private final ChannelGroup channels = new DefaultChannelGroup("gatehouse-upstream", GlobalEventExecutor.INSTANCE);
    private volatile SslContext tls;

    /** @param loops the gateway's event loops; a connection uses the transport of its loop (epoll or NIO) */
    UpstreamConnector(UpstreamAddressPolicy policy, LoopResources loops) {
        this(policy, loops, UpstreamPool.Limits.DEFAULT);
    }

    UpstreamConnector(UpstreamAddressPolicy policy, LoopResources loops, UpstreamPool.Limits limits) {
        this.policy = policy;
        this.loops = loops;
        this.limits = limits;
    }

    /**
     * Sends the request over a connection on {@code loop}; the listener hears of the response head (or the failure)
     * on that loop. The exchange returned can be cancelled until the head arrives.
     */
    UpstreamExchange exchange(EventLoop loop, UpstreamRequest request, UpstreamExchange.Listener listener) {
        UpstreamExchange exchange = new UpstreamExchange(loop, request, listener);
        if (loop.inEventLoop()) {
            exchange.start(poolFor(loop, request.target()));
        } else {
            loop.execute(() -> exchange.start(poolFor(loop, request.target())));
        }
        return exchange;
    }

    /** Only on {@code loop}. */
    private UpstreamPool poolFor(EventLoop loop, UpstreamTarget target) {
        OfLoop ofLoop = byLoop.get(loop);
        if (ofLoop == null) {
            ofLoop = byLoop.computeIfAbsent(loop, this::ofLoop);
        }
        String origin = target.origin();
        UpstreamPool pool = ofLoop.pools.get(origin);
        if (pool == null) {
            pool = new UpstreamPool(loop, origin, this, limits);
            ofLoop.pools.put(origin, pool);
        }
        return pool;
    }

    private OfLoop ofLoop(EventLoop loop) {
        // The resources recognise a transport by its group type (an EpollEventLoopGroup, say), not by one loop.
        EventLoopGroup group = loop.parent() != null ? loop.parent() : loop;
        Class<? extends SocketChannel> socketChannel = loops.onChannelClass(SocketChannel.class, group);
        Class<? extends DatagramChannel> datagramChannel = loops.onChannelClass(DatagramChannel.class, group);
        DnsAddressResolverGroup resolver = resolvers.computeIfAbsent(datagramChannel, type ->
                new DnsAddressResolverGroup(new DnsNameResolverBuilder().channelType(datagramChannel)
                        .socketChannelType(socketChannel)));
        return new OfLoop(socketChannel, resolver);
    }

    /** A loop's transport, resolver and pools (the pools map is touched only on the loop). */
    private static final class OfLoop {
        final Class<? extends SocketChannel> socketChannel;
        final DnsAddressResolverGroup resolver;
        final Map<String, UpstreamPool> pools = new HashMap<>();

        OfLoop(Class<? extends SocketChannel> socketChannel, DnsAddressResolverGroup resolver) {
            this.socketChannel = socketChannel;
            this.resolver = resolver;
        }
    }

    /** Opens a connection for {@code exchange} (on the pool's loop); the pool already counted it. */
    void open(UpstreamPool pool, UpstreamExchange exchange) {
        UpstreamTarget target = exchange.request().target();
        UpstreamConnection connection = new UpstreamConnection(pool);
        InetSocketAddress address;
        try {
            address = addressOf(target);
        } catch (UnknownHostException e) {
            pool.openFailed();
            exchange.acquireFailed(e);
            return;
        }
        OfLoop ofLoop = byLoop.get(pool.loop());
        ChannelFuture connect = new Bootstrap()
                .group(pool.loop())
                .channel(ofLoop.socketChannel)
                .resolver(ofLoop.resolver)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, exchange.request().connectTimeoutMs())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(new HttpRequestEncoder(), new UpstreamResponseDecoder(
                                MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE, connection), connection);
                    }
                })
                .connect(address);
        connect.addListener(done -> {
            if (!done.isSuccess()) {
                pool.openFailed();
                exchange.acquireFailed(done.cause());
                return;
            }
            Channel channel = connect.channel();
            channels.add(channel);
            Optional<String> refusal = policy.connectRefusal(channel.remoteAddress());
            if (refusal.isPresent()) {
                // Closed first, so the pool has its place back before the caller hears of the failure.
                channel.close();
                exchange.acquireFailed(new UpstreamBlockedException(refusal.get()));
                return;
            }
            if (!target.scheme().equals("https")) {
                exchange.connectionReady(connection, false);
                return;
            }
            SslHandler tlsHandler;
            try {
                tlsHandler = tlsHandler(channel, target, exchange.request().connectTimeoutMs());
            } catch (SSLException e) {
                channel.close();
                exchange.acquireFailed(e);
                return;
            }
            channel.pipeline().addFirst(tlsHandler);
            tlsHandler.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    exchange.connectionReady(connection, false);
                } else {
                    channel.close();
                    exchange.acquireFailed(handshakeFailure(handshake.cause()));
                }
            });
        });
    }

    /**
     * A failed handshake as a TLS failure: an upstream that closes during the handshake fails it with a
     * ClosedChannelException, which would otherwise read as a reset of a connection that carried a request.
     */
    private static SSLException handshakeFailure(Throwable cause) {
        if (cause instanceof SSLException tlsFailure) {
            return tlsFailure;
        }
        SSLHandshakeException failure = new SSLHandshakeException("the TLS handshake did not complete: "
                + (cause.getMessage() != null ? cause.getMessage() : "the upstream closed the connection"));
        failure.initCause(cause);
        return failure;
    }

    /** An IP literal as is; a name unresolved, for the DNS resolver. */
    private static InetSocketAddress addressOf(UpstreamTarget target) throws UnknownHostException {
        String host = bare(target.host());
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        return literal != null ? new InetSocketAddress(InetAddress.getByAddress(host, literal), target.port())
                : InetSocketAddress.createUnresolved(host, target.port());
    }

    /** The host without the brackets of an IPv6 literal. */
    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private SslHandler tlsHandler(Channel channel, UpstreamTarget target, int handshakeTimeoutMs)
            throws SSLException {
        SslContext context = tls;
        if (context == null) {
            context = SslContextBuilder.forClient().build();
            tls = context;
        }
        SslHandler handler = context.newHandler(channel.alloc(), bare(target.host()), target.port());
        SSLEngine engine = handler.engine();
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        handler.setHandshakeTimeoutMillis(Math.max(1, handshakeTimeoutMs));
        return handler;
    }

    /** Idle connections in {@code loop}'s pool for {@code target} (tests; call on any thread, reads a snapshot). */
    int idleConnections(EventLoop loop, UpstreamTarget target) throws Exception {
        return loop.submit(() -> poolFor(loop, target).idleCount()).get();
    }

    /** Every upstream connection open now (tests). */
    java.util.Set<Channel> openConnections() {
        return java.util.Set.copyOf(channels);
    }

    void dispose() {
        channels.close().awaitUninterruptibly(5_000);
        resolvers.values().forEach(DnsAddressResolverGroup::close);
    }
}
