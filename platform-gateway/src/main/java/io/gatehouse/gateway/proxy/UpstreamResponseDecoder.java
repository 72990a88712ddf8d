package io.gatehouse.gateway.proxy;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Decodes upstream responses, framing each as an answer to the request the connection's exchange sent. Netty's
 * {@code HttpClientCodec} pairs responses with requests through a queue of methods that an informational response
 * (103 Early Hints) also takes from, so the final answer to a HEAD after a 103 was read as if it had a body: the call
 * hung waiting for bytes that never come. Here the exchange says whether it sent a HEAD; only one request is in
 * flight per connection.
 */
final class UpstreamResponseDecoder extends HttpResponseDecoder {
    private final UpstreamConnection connection;

    UpstreamResponseDecoder(int maxInitialLine, int maxHeaderSize, int maxChunkSize, UpstreamConnection connection) {
        super(new HttpDecoderConfig().setMaxInitialLineLength(maxInitialLine).setMaxHeaderSize(maxHeaderSize)
                .setMaxChunkSize(maxChunkSize));
        this.connection = connection;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        if (msg instanceof HttpResponse response && response.status().code() >= 200 && connection.answeringHead()) {
            return true;
        }
        return super.isContentAlwaysEmpty(msg);
    }
}
