package io.gatehouse.gateway.proxy;

import io.gatehouse.auth.authn.GatewayAuthenticator;
import io.gatehouse.gateway.health.UpstreamHealth;
import io.gatehouse.gateway.log.CallRecordSink;
import io.gatehouse.gateway.route.RouteTableHolder;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.netty.resources.LoopResources;

/** The gateway listener (default port 8081), started and stopped with the Spring application context. */
@Component
public class GatewayServer implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);
    /** A caller's keep-alive connection with no request for this long is closed. */

    private final RouteTableHolder routes;
    private final UpstreamAddressPolicy addressPolicy;
    private final GatewayAuthenticator authenticator;
    private final UpstreamHealth health;
    private final ConsoleTestKey consoleTestKey;
    private final CallRecordSinks callSinks;
    private final long maxSignedBodyBytes;
    private final long replayBufferBytes;
    private final int configuredPort;
    private final String bindAddress;
    private final int ioThreads;
    private final long bodyIdleTimeoutMs;
    private final Duration idleTimeout;
    private volatile GatewayListener server;
    private volatile UpstreamClients clients;
    private volatile LoopResources loops;

    GatewayServer(RouteTableHolder routes, UpstreamAddressPolicy addressPolicy, GatewayAuthenticator authenticator,
                  UpstreamHealth health, ConsoleTestKey consoleTestKey, List<CallRecordSink> callSinks,
                  @Value("${platform.gateway.max-signed-body-bytes:10485760}") long maxSignedBodyBytes,
                  @Value("${platform.gateway.retry-body-buffer-bytes:1048576}") long replayBufferBytes,
                  @Value("${platform.gateway.port:8081}") int configuredPort,
                  @Value("${platform.gateway.address:0.0.0.0}") String bindAddress,
                  @Value("${platform.gateway.io-threads:0}") int ioThreads,
                  @Value("${platform.gateway.body-idle-timeout-ms:60000}") long bodyIdleTimeoutMs,
                  @Value("${platform.gateway.idle-timeout-ms:60000}") long idleTimeoutMs) {
        this.routes = routes;
        this.addressPolicy = addressPolicy;
        this.authenticator = authenticator;
        this.health = health;
        this.consoleTestKey = consoleTestKey;
        this.callSinks = new CallRecordSinks(callSinks);
        this.maxSignedBodyBytes = maxSignedBodyBytes;
        this.replayBufferBytes = replayBufferBytes;
        this.configuredPort = configuredPort;
        this.bindAddress = bindAddress;
        this.ioThreads = eventLoops(ioThreads);
        if (bodyIdleTimeoutMs < 0) {
            throw new IllegalArgumentException("platform.gateway.body-idle-timeout-ms must be 0 (no limit) or more");
        }
        this.bodyIdleTimeoutMs = bodyIdleTimeoutMs;
        if (idleTimeoutMs < 1) {
            throw new IllegalArgumentException("platform.gateway.idle-timeout-ms must be 1 or more");
        }
        this.idleTimeout = Duration.ofMillis(idleTimeoutMs);
    }

    /**
     * How many event loops the gateway runs: {@code platform.gateway.io-threads} when set (above 0), else one per
     * available processor. Reactor Netty's own default is at least 4; on 2 cores, 2 loops measured equal or better
     * throughput and a lower p99 than 4 (more loops than cores only add context switches).
     */
    static int eventLoops(int configured) {
        return configured > 0 ? configured : Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public synchronized void start() {
        routes.rebuild();
        // The gateway's own event loops, shared by the listener and the upstream clients: a proxied call stays on
        // the thread of the caller's connection (see UpstreamClients).
        loops = LoopResources.create("gatehouse-gateway", ioThreads, true);
        clients = new UpstreamClients(addressPolicy, loops);
        server = GatewayListener.bind(loops, LoopResources.hasNativeSupport(), bindAddress, configuredPort, idleTimeout,
                new ProxyHandler(routes, new UpstreamForwarder(clients, health, replayBufferBytes, bodyIdleTimeoutMs), authenticator,
                        maxSignedBodyBytes, consoleTestKey, callSinks));
        LOG.info("Gateway listening on http://{}:{} ({} routes, {} event loops)", bindAddress, port(),
                routes.current().size(), ioThreads);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.close(Duration.ofSeconds(10));
            server = null;
        }
        if (clients != null) {
            clients.dispose();
            clients = null;
        }
        if (loops != null) {
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
            loops = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null && server.isOpen();
    }

    /** The bound port (differs from the configured one when that is 0). */
    /** Where this process reaches its own gateway listener, e.g. {@code http://127.0.0.1:8081}. */
    public String localBaseUrl() {
        boolean wildcard = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.isBlank();
        String host = wildcard ? "127.0.0.1" : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return "http://" + host + ":" + port();
    }

    public int port() {
        GatewayListener current = server;
        return current == null ? -1 : current.port();
    }

    /** True when a TCP connection to the gateway listener succeeds right now. */
    public boolean acceptsConnections() {
        int port = port();
        if (port < 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
