package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.UpstreamTarget;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/** An {@link UpstreamConnector} on one NIO event loop of its own, and the requests tests send through it. */
final class ClientFixture implements AutoCloseable {
    static final UpstreamAddressPolicy LOOPBACK_ALLOWED =
            new UpstreamAddressPolicy(UpstreamAddressPolicy.parseAllowlist("127.0.0.0/8"));
    static final int CONNECT_TIMEOUT_MS = 1000;
    static final int RESPONSE_TIMEOUT_MS = 1500;
    /** Most tests are about something else than stalled bodies. */
    static final long NO_BODY_IDLE_TIMEOUT = 0;

    private final LoopResources loops;
    final EventLoop loop;
    final UpstreamConnector connector;

    ClientFixture() {
        this(LOOPBACK_ALLOWED, UpstreamPool.Limits.DEFAULT);
    }

    ClientFixture(UpstreamAddressPolicy policy, UpstreamPool.Limits limits) {
        loops = LoopResources.create("upstream-client-test", 1, 1, true);
        loop = loops.onClient(false).next();
        connector = new UpstreamConnector(policy, loops, limits);
    }

    /** The exchange as a Mono: subscribing starts it, cancelling the subscription cancels it. */
    Mono<UpstreamAnswer> exchange(UpstreamRequest request) {
        return Mono.create(sink -> {
            UpstreamExchange exchange = connector.exchange(loop, request, new UpstreamExchange.Listener() {
                @Override
                public void answered(UpstreamAnswer answer) {
                    sink.success(answer);
                }

                @Override
                public void failed(Throwable cause) {
                    sink.error(cause);
                }
            });
            sink.onCancel(exchange::cancel);
        });
    }

    /** The answer's head, failing when the exchange fails or no head comes within two seconds. */
    UpstreamAnswer answer(UpstreamRequest request) throws Exception {
        try {
            return exchange(request).toFuture().get(2, TimeUnit.SECONDS);
        } catch (TimeoutException hung) {
            throw new AssertionError("no answer within 2 s (the exchange hangs)");
        }
    }

    /** How the exchange failed, failing the test when it answers instead or neither within two seconds. */
    Throwable failure(UpstreamRequest request) throws Exception {
        return failureOf(exchange(request), 2000);
    }

    static Throwable failureOf(Mono<UpstreamAnswer> exchange, long withinMs) throws Exception {
        try {
            UpstreamAnswer unexpected = exchange.toFuture().get(withinMs, TimeUnit.MILLISECONDS);
            unexpected.discard(() -> { });
            throw new AssertionError("the exchange answered " + unexpected.status() + " instead of failing");
        } catch (ExecutionException failed) {
            return failed.getCause();
        } catch (TimeoutException hung) {
            throw new AssertionError("the exchange neither answered nor failed within " + withinMs + " ms (it hangs)");
        }
    }

    int idle(UpstreamTarget target) throws Exception {
        return connector.idleConnections(loop, target);
    }

    Set<Channel> open() {
        return connector.openConnections();
    }

    /** The only upstream connection open now. */
    Channel onlyConnection() {
        Set<Channel> open = open();
        if (open.size() != 1) {
            throw new AssertionError("expected one open upstream connection, found " + open.size());
        }
        return open.iterator().next();
    }

    /** Returns once the client's event loop has run a task scheduled {@code millis} from now. */
    void waitOnLoop(long millis) throws Exception {
        loop.schedule(() -> null, millis, TimeUnit.MILLISECONDS).get(millis + 2000, TimeUnit.MILLISECONDS);
    }

    static UpstreamRequest get(UpstreamTarget target, String uri) {
        return request(target, HttpMethod.GET, uri, new byte[0], RESPONSE_TIMEOUT_MS);
    }

    static UpstreamRequest request(UpstreamTarget target, HttpMethod method, String uri, byte[] body,
                                   int responseTimeoutMs) {
        // As the forwarder does: an in-memory body always goes with its Content-Length (the client relies on it).
        HttpHeaders headers = headers(target).set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return new UpstreamRequest(target, method, uri, headers, body, null, CONNECT_TIMEOUT_MS, responseTimeoutMs,
                NO_BODY_IDLE_TIMEOUT, new ConnectionReuse());
    }

    /** A request whose body is streamed from {@code body}; with a Content-Length when {@code contentLength >= 0}. */
    static UpstreamRequest streamed(UpstreamTarget target, Publisher<ByteBuf> body, long contentLength,
                                    int responseTimeoutMs) {
        HttpHeaders headers = headers(target);
        if (contentLength >= 0) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
        }
        return new UpstreamRequest(target, HttpMethod.POST, "/upload", headers, null, body, CONNECT_TIMEOUT_MS,
                responseTimeoutMs, NO_BODY_IDLE_TIMEOUT, new ConnectionReuse());
    }

    /** The same request with a body idle timeout. */
    static UpstreamRequest withBodyIdleTimeout(UpstreamRequest r, long bodyIdleTimeoutMs) {
        return new UpstreamRequest(r.target(), r.method(), r.uri(), r.headers(), r.body(), r.streamedBody(),
                r.connectTimeoutMs(), r.responseTimeoutMs(), bodyIdleTimeoutMs, r.reuse(), r.routeDeadlineNanos());
    }

    /** The same request with a route deadline {@code millis} from now. */
    static UpstreamRequest withRouteDeadlineIn(UpstreamRequest r, long millis) {
        return new UpstreamRequest(r.target(), r.method(), r.uri(), r.headers(), r.body(), r.streamedBody(),
                r.connectTimeoutMs(), r.responseTimeoutMs(), r.bodyIdleTimeoutMs(), r.reuse(),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
    }

    private static HttpHeaders headers(UpstreamTarget target) {
        return new DefaultHttpHeaders().set(HttpHeaderNames.HOST, target.authority());
    }

    @Override
    public void close() {
        connector.dispose();
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
