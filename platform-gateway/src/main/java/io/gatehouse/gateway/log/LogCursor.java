package io.gatehouse.gateway.log;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * The position after a row in newest-first order: its timestamp (microseconds) and id. Sent to clients as an opaque
 * URL-safe token with a checksum, so an edited or truncated token is refused rather than silently read. It is not a
 * security boundary: it only positions a query whose tenant comes from the URL.
 */
record LogCursor(long epochMicros, long id) {
    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + 8 + 8 + 4;

    static LogCursor after(LogEntry entry) {
        Instant t = entry.timestamp();
        return new LogCursor(Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000),
                entry.id());
    }

    Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L), Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    String encode() {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH).put(VERSION).putLong(epochMicros).putLong(id);
        buffer.putInt(checksum(buffer.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The cursor in {@code token}, or null when it is not one this server made. */
    static LogCursor decode(String token) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length != LENGTH || bytes[0] != VERSION) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        buffer.get();
        long micros = buffer.getLong();
        long id = buffer.getLong();
        if (buffer.getInt() != checksum(bytes) || id < 0) {
            return null;
        }
        return new LogCursor(micros, id);
    }

    private static int checksum(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update("gatehouse-log-cursor".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(bytes, 0, LENGTH - 4);
        return (int) crc.getValue();
    }
}
