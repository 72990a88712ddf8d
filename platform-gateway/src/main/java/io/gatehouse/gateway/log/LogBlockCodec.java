package io.gatehouse.gateway.log;

import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a request log block (format version 1): the version, the row count, then per row its slot, time,
 * text fields, numbers and attempts. Written once by the log writer; rewritten only when retention removes some of a
 * block's rows (the others keep their slots, so their ids do not change).
 */
final class LogBlockCodec {
    static final int VERSION = 1;
    private static final long NO_TIME = Long.MIN_VALUE;

    /** An encoded block and what its table row says about it. */
    record Encoded(byte[] rows, int rowCount, long firstMicros, long lastMicros, int statusClasses, byte[] values,
                   byte[] summary) {
    }

    private LogBlockCodec() {
    }

    /** One block of these rows, each keeping its slot (1 to {@value LogBlock#SLOTS} rows). */
    static Encoded encode(List<StoredRow> rows) {
        if (rows.isEmpty() || rows.size() > LogBlock.SLOTS) {
            throw new IllegalArgumentException("a block holds 1 to " + LogBlock.SLOTS + " rows, not " + rows.size());
        }
        BlockBuilder builder = BlockBuilder.sameBlock(rows.size());
        rows.forEach(builder::add);
        return builder.finish().get(0);
    }

    /** New rows, in time order, as new blocks cut at the limits ({@link BlockBuilder}); their slots are assigned. */
    static List<Encoded> encodeAll(List<StoredRow> rowsInTimeOrder) {
        BlockBuilder builder = BlockBuilder.newBlocks(rowsInTimeOrder.size());
        rowsInTimeOrder.forEach(builder::add);
        return builder.finish();
    }

    /** The rows of block {@code blockId}, in slot order. */
    static List<StoredRow> decode(long blockId, byte[] bytes) {
        BlockBytes.In in = new BlockBytes.In(bytes, 0);
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("request log block " + blockId + " has format version " + version
                    + "; this server reads version " + VERSION);
        }
        int count = in.readCount();
        List<StoredRow> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(read(blockId, bytes, in));
        }
        return rows;
    }

    static void writeRow(BlockBytes.Out out, StoredRow r) {
        out.writeLong(r.slot);
        out.writeLong(r.micros);
        out.writeString(r.requestId);
        out.writeString(r.tenant);
        out.writeString(r.route);
        out.writeString(r.credentialId);
        out.writeString(r.credentialType);
        out.writeString(r.method);
        out.writeString(r.path);
        out.writeString(r.query);
        out.writeLong(r.status);
        out.writeString(r.errorCode);
        out.writeLong(r.latencyMs);
        out.writeLong(r.upstreamLatencyMs);
        out.writeString(r.clientIp);
        out.writeLong(r.bytesIn);
        out.writeLong(r.bytesOut);
        out.writeLong(r.attemptCount);
        List<Attempt> attempts = r.attempts();
        out.writeLong(attempts.size());
        for (Attempt a : attempts) {
            out.writeString(a.provider());
            out.writeString(a.target());
            out.writeLong(a.startedAt() == null ? NO_TIME : StoredRow.micros(a.startedAt()));
            out.writeLong(a.latencyMs());
            out.writeLong(a.status());
            out.writeString(a.errorCode());
            out.writeString(a.decision());
        }
    }

    private static StoredRow read(long blockId, byte[] bytes, BlockBytes.In in) {
        int slot = in.readInt();
        long micros = in.readLong();
        String requestId = in.readString();
        String tenant = in.readString();
        String route = in.readString();
        String credentialId = in.readString();
        String credentialType = in.readString();
        String method = in.readString();
        String path = in.readString();
        String query = in.readString();
        int status = in.readInt();
        String errorCode = in.readString();
        long latencyMs = in.readLong();
        long upstreamLatencyMs = in.readLong();
        String clientIp = in.readString();
        long bytesIn = in.readLong();
        long bytesOut = in.readLong();
        int attemptCount = in.readInt();
        int attemptsAt = in.position();
        skipAttempts(in);
        return new StoredRow(blockId, slot, requestId, micros, tenant, route, credentialId, credentialType, method, path,
                query, status, errorCode, latencyMs, upstreamLatencyMs, clientIp, bytesIn, bytesOut, attemptCount, null,
                bytes, attemptsAt);
    }

    private static void skipAttempts(BlockBytes.In in) {
        int n = in.readCount();
        for (int i = 0; i < n; i++) {
            in.skipString();
            in.skipString();
            in.readLong();
            in.readLong();
            in.readLong();
            in.skipString();
            in.skipString();
        }
    }

    static List<Attempt> readAttempts(byte[] bytes, int at) {
        BlockBytes.In in = new BlockBytes.In(bytes, at);
        int n = in.readCount();
        List<Attempt> attempts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String provider = in.readString();
            String target = in.readString();
            long started = in.readLong();
            long latency = in.readLong();
            int status = in.readInt();
            attempts.add(new Attempt(provider, target, started == NO_TIME ? null : StoredRow.instant(started), latency,
                    status, in.readString(), in.readString()));
        }
        return List.copyOf(attempts);
    }
}
