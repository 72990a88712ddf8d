package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.TestProviders;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.netty.resources.LoopResources;

/**
 * Calls forwarded through the client pinned to the caller's event loop, with the gateway's loops on either
 * transport: the upstream connection must be a channel of the loop's own transport (an epoll channel cannot be
 * registered on an NIO loop, which made every call fail with {@code -Dreactor.netty.native=false}).
 */
class UpstreamClientsTransportTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    private static final UpstreamAddressPolicy LOOPBACK =
            new UpstreamAddressPolicy(UpstreamAddressPolicy.parseAllowlist("127.0.0.0/8"));

    private HttpServer upstream;
    private LoopResources loops;
    private UpstreamClients clients;
    private GatewayListener gateway;
    private final AtomicReference<EventLoop> callerLoop = new AtomicReference<>();

    @BeforeEach
    void startUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/ping", exchange -> {
            byte[] body = "pong".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.start();
        loops = LoopResources.create("gatehouse-test-gateway", 1, true);
        clients = new UpstreamClients(LOOPBACK, loops);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close(Duration.ofSeconds(5));
        }
        clients.dispose();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
        upstream.stop(0);
    }

    @Test
    void aPinnedClientOnAnNioLoopConnectsOverNio() throws Exception {
        assertThat(call(false)).isEqualTo("200 pong");
        assertUpstreamConnectionOnTheCallersLoopAndTransport();
        assertThat(clients.connector().openConnections().iterator().next()).isInstanceOf(NioSocketChannel.class);
    }

    @Test
    void aPinnedClientOnANativeLoopConnectsOverTheNativeTransport() throws Exception {
        assumeTrue(LoopResources.hasNativeSupport(), "no native transport on this machine");
        assertThat(call(true)).isEqualTo("200 pong");
        assertUpstreamConnectionOnTheCallersLoopAndTransport();
        assertThat(clients.connector().openConnections().iterator().next()).isNotInstanceOf(NioSocketChannel.class);
    }

    private void assertUpstreamConnectionOnTheCallersLoopAndTransport() {
        Set<Channel> upstreamChannels = clients.connector().openConnections();
        assertThat(upstreamChannels).hasSize(1);
        Channel upstreamChannel = upstreamChannels.iterator().next();
        assertThat(upstreamChannel.eventLoop()).isSameAs(callerLoop.get());
    }

    private static String readAndRelease(ByteBuf buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            buffer.release();
        }
    }

    /** One call through a gateway-like listener on {@link #loops} that forwards to the upstream. */
    private String call(boolean nativeTransport) throws Exception {
        CompiledProvider provider = TestProviders.forwarding("echo",
                "http://127.0.0.1:" + upstream.getAddress().getPort(), 2000, 5000);
        gateway = GatewayListener.bind(loops, nativeTransport, "127.0.0.1", 0, Duration.ofSeconds(60),
                (request, response) -> {
                    callerLoop.set(request.eventLoop());
                    UpstreamTarget target = provider.targets().get(0);
                    DefaultHttpHeaders headers = new DefaultHttpHeaders();
                    headers.set(HttpHeaderNames.HOST, target.authority());
                    UpstreamRequest ping = new UpstreamRequest(target, HttpMethod.GET, "/ping", headers, new byte[0],
                            null, provider.connectTimeoutMs(), provider.responseTimeoutMs(), 0, new ConnectionReuse());
                    // The client hands each body buffer over with its reference: read it, then release it
                    // (ByteBufFlux.aggregate() retains what it collects and so kept one reference per buffer).
                    clients.exchange(request, ping, new UpstreamExchange.Listener() {
                        @Override
                        public void answered(UpstreamAnswer answer) {
                            Flux.from(answer.body())
                                    .map(UpstreamClientsTransportTest::readAndRelease)
                                    .collect(Collectors.joining())
                                    .subscribe(text -> response.sendBytes(text.getBytes(StandardCharsets.UTF_8)),
                                            response::fail);
                        }

                        @Override
                        public void failed(Throwable cause) {
                            response.fail(cause);
                        }
                    });
                });
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/ping"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body();
    }
}
