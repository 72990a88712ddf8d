package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;

/** Reads a whole request body up to a cap; a signed request's body hash needs all of it before forwarding. */
final class SignedBodyReader {
    private SignedBodyReader() {
    }

    static Mono<byte[]> read(ByteBufFlux body, long maxBytes) {
        return body.reduce(new ByteArrayOutputStream(), (out, chunk) -> append(out, chunk, maxBytes))
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    private static ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf chunk, long maxBytes) {
        if (out.size() + (long) chunk.readableBytes() > maxBytes) {
            throw new BodyTooLargeException();
        }
        byte[] bytes = new byte[chunk.readableBytes()];
        chunk.getBytes(chunk.readerIndex(), bytes);
        out.write(bytes, 0, bytes.length);
        return out;
    }

    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("body too large", null, false, false);
        }
    }
}
