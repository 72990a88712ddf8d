package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.reactivestreams.Publisher;

/**
 * What one attempt sends to one target.
 *
 * @param uri          path and query as sent in the request line
 * @param body         the whole body when held in memory (sent with a Content-Length); null when streamed
 * @param streamedBody the caller's body, read once as it arrives; null when {@code body} is set
 * @param bodyIdleTimeoutMs how long the response body may stay silent while the caller is ready for more, before
 *                          the call is cut off (0: no limit)
 * @param routeDeadlineNanos the {@link System#nanoTime()} by which the response head must have arrived (the route's
 *                           deadline), or {@link #NO_DEADLINE}
 */
record UpstreamRequest(UpstreamTarget target, HttpMethod method, String uri, HttpHeaders headers, byte[] body,
                       Publisher<ByteBuf> streamedBody, int connectTimeoutMs, int responseTimeoutMs,
                       long bodyIdleTimeoutMs, ConnectionReuse reuse, long routeDeadlineNanos) {
    static final long NO_DEADLINE = Long.MIN_VALUE;

    UpstreamRequest(UpstreamTarget target, HttpMethod method, String uri, HttpHeaders headers, byte[] body,
                    Publisher<ByteBuf> streamedBody, int connectTimeoutMs, int responseTimeoutMs,
                    long bodyIdleTimeoutMs, ConnectionReuse reuse) {
        this(target, method, uri, headers, body, streamedBody, connectTimeoutMs, responseTimeoutMs, bodyIdleTimeoutMs,
                reuse, NO_DEADLINE);
    }

    /** Nanoseconds left until the route deadline (negative once it passed); Long.MAX_VALUE without one. */
    long nanosToRouteDeadline(long now) {
        return routeDeadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : routeDeadlineNanos - now;
    }
}
