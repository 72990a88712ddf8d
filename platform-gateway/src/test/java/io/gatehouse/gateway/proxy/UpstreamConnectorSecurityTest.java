package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.retry.FailureKind;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.codec.http.HttpMethod;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a new connection must pass before a request goes out: the SSRF check on the address actually connected to,
 * and for https a TLS handshake with a trusted certificate, bounded by the connect timeout. Each failure is a connect
 * failure (nothing was sent) and frees the pool's place.
 */
class UpstreamConnectorSecurityTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();

    private ClientFixture client = new ClientFixture();
    private ScriptedUpstream upstream;
    private EventLoopGroup tlsServerLoop;

    @AfterEach
    void stop() throws Exception {
        client.close();
        if (upstream != null) {
            upstream.close();
        }
        if (tlsServerLoop != null) {
            tlsServerLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    void aSelfSignedCertificateFailsTheHandshakeAsUntrusted() throws Exception {
        int port = selfSignedTlsServer();
        UpstreamTarget target = new UpstreamTarget("https://127.0.0.1:" + port, "https", "127.0.0.1", port, "", 1);

        Throwable failure = client.failure(ClientFixture.get(target, "/"));

        assertThat(failure).isInstanceOf(SSLHandshakeException.class);
        assertThat(UpstreamFailures.kindOf(failure)).isEqualTo(FailureKind.CONNECT_FAILURE);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
        assertThat(client.idle(target)).isZero();
    }

    @Test
    void anUpstreamClosingDuringTheHandshakeIsAConnectFailureNotAHang() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readSome(); // the ClientHello
            socket.close();
        });

        Throwable failure = client.failure(ClientFixture.get(upstream.httpsTarget(), "/"));

        assertThat(UpstreamFailures.kindOf(failure)).as("kind of %s", failure).isEqualTo(FailureKind.CONNECT_FAILURE);
        assertThat(UpstreamFailures.explain(failure, upstream.httpsTarget(), 1000, 1000, 1000).code())
                .isEqualTo("upstream_connect_failed");
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
    }

    @Test
    void anUpstreamThatNeverAnswersTheHandshakeTimesOutAfterTheConnectTimeout() throws Exception {
        upstream = new ScriptedUpstream(socket -> {
            socket.readSome();
            socket.hang();
        });
        UpstreamRequest request = new UpstreamRequest(upstream.httpsTarget(), HttpMethod.GET, "/",
                new io.netty.handler.codec.http.DefaultHttpHeaders(), new byte[0], null, 200, 5000, ClientFixture.NO_BODY_IDLE_TIMEOUT,
                new ConnectionReuse());
        long start = System.nanoTime();

        Throwable failure = client.failure(request);

        assertThat(failure).isInstanceOf(SSLException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200);
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
    }

    @Test
    void aRefusedAddressFailsAfterConnectWithNothingSentAndFreesThePoolPlace() throws Exception {
        client.close();
        client = new ClientFixture(new UpstreamAddressPolicy(List.of()),
                new UpstreamPool.Limits(1, 0, 1000, TimeUnit.SECONDS.toNanos(4)));
        List<CompletableFuture<byte[]>> received = List.of(new CompletableFuture<>(), new CompletableFuture<>());
        upstream = new ScriptedUpstream(socket -> received.get(Math.min(socket.index(), 1))
                .complete(socket.readUntilClose()));

        Throwable first = client.failure(ClientFixture.get(upstream.target(), "/"));
        Throwable second = client.failure(ClientFixture.get(upstream.target(), "/"));

        assertThat(first).isInstanceOf(UpstreamBlockedException.class).hasMessageContaining("127.0.0.1")
                .hasMessageContaining("loopback").hasMessageContaining("PLATFORM_UPSTREAM_ALLOWLIST");
        assertThat(second).as("the refused connection's place in the pool was freed")
                .isInstanceOf(UpstreamBlockedException.class);
        assertThat(received.get(0).get(2, TimeUnit.SECONDS)).as("bytes the upstream got").isEmpty();
        assertThat(received.get(1).get(2, TimeUnit.SECONDS)).isEmpty();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
    }

    @Test
    void aRefusedAddressIsRefusedBeforeAnyTlsHandshake() throws Exception {
        client.close();
        client = new ClientFixture(new UpstreamAddressPolicy(List.of()), UpstreamPool.Limits.DEFAULT);
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        upstream = new ScriptedUpstream(socket -> received.complete(socket.readUntilClose()));

        Throwable failure = client.failure(ClientFixture.get(upstream.httpsTarget(), "/"));

        assertThat(failure).isInstanceOf(UpstreamBlockedException.class);
        assertThat(received.get(2, TimeUnit.SECONDS)).as("no ClientHello was sent").isEmpty();
    }

    /** A Netty TLS server with a self-signed certificate for localhost and 127.0.0.1 (not in the JVM trust store). */
    private int selfSignedTlsServer() throws Exception {
        SslContext tls;
        try (InputStream cert = getClass().getResourceAsStream("self-signed-upstream.crt");
             InputStream key = getClass().getResourceAsStream("self-signed-upstream.key")) {
            tls = SslContextBuilder.forServer(cert, key).build();
        }
        tlsServerLoop = new NioEventLoopGroup(1);
        Channel server = new ServerBootstrap()
                .group(tlsServerLoop)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return ((InetSocketAddress) server.localAddress()).getPort();
    }
}
