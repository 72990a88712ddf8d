package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import java.net.InetSocketAddress;
import org.reactivestreams.Publisher;

/**
 * A caller's request as the gateway listener received it: the head, where it came from, and its body as it arrives
 * (each buffer handed over with its reference: the reader releases it).
 */
final class CallerRequest {
    private final HttpRequest head;
    private final InetSocketAddress remoteAddress;
    private final String clientIp;
    private final EventLoop loop;
    private final StreamedBody body;

    CallerRequest(HttpRequest head, InetSocketAddress remoteAddress, String clientIp, EventLoop loop,
                  StreamedBody body) {
        this.head = head;
        this.remoteAddress = remoteAddress;
        this.clientIp = clientIp;
        this.loop = loop;
        this.body = body;
    }

    HttpMethod method() {
        return head.method();
    }

    /** The request target as sent, path and query. */
    String uri() {
        return head.uri();
    }

    HttpHeaders requestHeaders() {
        return head.headers();
    }

    InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** The caller's IP address as text ("unknown" when the connection has none). */
    String clientIp() {
        return clientIp;
    }

    /** The listener speaks plain HTTP; TLS ends in front of it. */
    String scheme() {
        return "http";
    }

    /** The event loop of the caller's connection, where its whole call runs. */
    EventLoop eventLoop() {
        return loop;
    }

    /** The body bytes read by the handler so far. */
    long bodyBytesRead() {
        return body.bytesPassed();
    }

    /** The body; readable once. */
    Publisher<ByteBuf> receive() {
        return body;
    }
}
