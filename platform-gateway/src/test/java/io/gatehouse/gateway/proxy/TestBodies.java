package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Bodies for listener tests, in pooled buffers (which the leak detector tracks). */
final class TestBodies {
    private TestBodies() {
    }

    /** Each part in a buffer of its own, allocated when the reader asks for it. */
    static Flux<ByteBuf> buffers(String... parts) {
        return Flux.fromArray(parts).map(TestBodies::buffer);
    }

    static ByteBuf buffer(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    /** Reads a body to its end, releasing each buffer: "length sha256-hex". */
    static Mono<String> lengthAndDigest(Publisher<ByteBuf> body) {
        return Flux.from(body)
                .reduce(new Digest(), (digest, buffer) -> {
                    try {
                        digest.add(buffer);
                    } finally {
                        buffer.release();
                    }
                    return digest;
                })
                .map(Digest::toString);
    }

    /** What {@link #lengthAndDigest} answers for these bytes. */
    static String lengthAndDigest(byte[] bytes) {
        return bytes.length + " " + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    /** Bytes that differ from position to position (a reordering shows in the digest). */
    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 8));
        }
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Digest {
        private final MessageDigest sha = sha256();
        private long length;

        void add(ByteBuf buffer) {
            length += buffer.readableBytes();
            sha.update(buffer.nioBuffer());
        }

        @Override
        public String toString() {
            return length + " " + HexFormat.of().formatHex(sha.digest());
        }
    }
}
