package io.gatehouse.gateway.proxy;

import io.netty.util.AttributeKey;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Whether an attempt went out on a pooled connection that had already carried a request. An upstream may close an
 * idle keep-alive connection just as the gateway reuses it (the idle keep-alive race); such a failure says nothing
 * about the upstream's health, so the forwarder retries it once on a fresh connection.
 */
final class ConnectionReuse {
    static final String CONTEXT_KEY = "gatehouse.connection-reuse";
    private static final AttributeKey<AtomicInteger> REQUESTS = AttributeKey.valueOf("gatehouse.requests-sent");

    private volatile boolean reused;

    boolean reused() {
        return reused;
    }

    /** Client hook, before each request is written: counts requests per connection and tells the attempt. */
    static void onRequest(HttpClientRequest request, Connection connection) {
        AtomicInteger sent = connection.channel().attr(REQUESTS).get();
        if (sent == null) {
            sent = new AtomicInteger();
            connection.channel().attr(REQUESTS).set(sent);
        }
        int count = sent.incrementAndGet();
        request.currentContextView().<ConnectionReuse>getOrEmpty(CONTEXT_KEY).ifPresent(r -> r.reused = count > 1);
    }
}
