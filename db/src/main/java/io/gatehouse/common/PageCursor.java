package io.gatehouse.common;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32;

/**
 * The position after a row in newest-first order on {@code (occurred_at, id)}: its time (microseconds, as stored)
 * and id. Sent to clients as an opaque URL-safe token with a checksum over the bytes and the {@code kind} of list,
 * so an edited or truncated token - or one from another list - is refused rather than silently read. It is not a
 * security boundary: it only positions a query whose scope comes from elsewhere.
 */
public record PageCursor(long epochMicros, long id) {
    /** The SQL condition for the rows after a cursor: older, or as old with a smaller id (an index range first). */
    public static final String AFTER = "occurred_at <= ? AND (occurred_at < ? OR id < ?)";
    private static final byte VERSION = 1;
    private static final int LENGTH = 1 + 8 + 8 + 4;

    /** The cursor after the row with this time and id. */
    public static PageCursor after(Instant time, long id) {
        return new PageCursor(Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L),
                time.getNano() / 1_000), id);
    }

    /**
     * For a query that read up to {@code limit + 1} rows: the token of the cursor after row {@code limit} when there
     * is a row more (the next page), else null.
     */
    public static <T> String next(List<T> rows, int limit, Function<T, Instant> time, ToLongFunction<T> id,
                                  String kind) {
        if (rows.size() <= limit) {
            return null;
        }
        T last = rows.get(limit - 1);
        return after(time.apply(last), id.applyAsLong(last)).encode(kind);
    }

    /** The arguments of {@link #AFTER}. */
    public List<Object> afterArgs() {
        OffsetDateTime t = column(instant());
        return List.of(t, t, id);
    }

    /** A time as an {@code occurred_at} value: UTC, microseconds (what both databases store, so cursors compare exactly). */
    public static OffsetDateTime column(Instant instant) {
        return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    public Instant instant() {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1_000L);
    }

    /** The token for a list of this {@code kind} (such as {@code log} or {@code audit}). */
    public String encode(String kind) {
        ByteBuffer buffer = ByteBuffer.allocate(LENGTH).put(VERSION).putLong(epochMicros).putLong(id);
        buffer.putInt(checksum(kind, buffer.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
    }

    /** The cursor in {@code token}, or null when it is not one this server made for a list of this {@code kind}. */
    public static PageCursor decode(String token, String kind) {
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
        if (buffer.getInt() != checksum(kind, bytes) || id < 0) {
            return null;
        }
        return new PageCursor(micros, id);
    }

    private static int checksum(String kind, byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(("gatehouse-" + kind + "-cursor").getBytes(StandardCharsets.US_ASCII));
        crc.update(bytes, 0, LENGTH - 4);
        return (int) crc.getValue();
    }
}
