package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads a whole request body up to a cap; a signed request's body hash needs all of it before forwarding. */
final class SignedBodyReader {
    private SignedBodyReader() {
    }

    static Mono<byte[]> read(Publisher<ByteBuf> body, long maxBytes) {
        return Flux.from(body).reduce(new ByteArrayOutputStream(), (out, chunk) -> append(out, chunk, maxBytes))
                .map(ByteArrayOutputStream::toByteArray)
                .defaultIfEmpty(new byte[0]);
    }

    /** Copies and releases the chunk (the body hands each over with its reference). */
    private static ByteArrayOutputStream append(ByteArrayOutputStream out, ByteBuf chunk, long maxBytes) {
        try {
            if (out.size() + (long) chunk.readableBytes() > maxBytes) {
                throw new BodyTooLargeException();
            }
            chunk.readBytes(out, chunk.readableBytes());
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            chunk.release();
        }
    }

    static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException() {
            super("body too large", null, false, false);
        }
    }
}
