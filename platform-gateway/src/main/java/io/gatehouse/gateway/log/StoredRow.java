package io.gatehouse.gateway.log;

import java.time.Instant;
import java.util.List;

/**
 * One call as a request log block holds it: the {@link CallRecord} after truncation to the stored sizes and query
 * redaction, its time in microseconds, and its place in the block ({@code slot}). A row read from a block decodes its
 * attempts only when asked ({@link #attempts()}), since a filtered scan looks at far more rows than it returns.
 */
final class StoredRow {
    static final int MAX_ATTEMPTS_STORED = 50;

    final long blockId;
    /** Its place in its block; set once more ({@link #placeAt}) while a new block is being cut. */
    int slot;
    final String requestId;
    final long micros;
    final String tenant;
    final String route;
    final String credentialId;
    final String credentialType;
    final String method;
    final String path;
    final String query;
    final int status;
    final String errorCode;
    final long latencyMs;
    final long upstreamLatencyMs;
    final String clientIp;
    final long bytesIn;
    final long bytesOut;
    final int attemptCount;
    private List<Attempt> attempts;
    private final byte[] source;
    private final int attemptsAt;

    StoredRow(long blockId, int slot, String requestId, long micros, String tenant, String route, String credentialId,
              String credentialType, String method, String path, String query, int status, String errorCode,
              long latencyMs, long upstreamLatencyMs, String clientIp, long bytesIn, long bytesOut, int attemptCount,
              List<Attempt> attempts, byte[] source, int attemptsAt) {
        this.blockId = blockId;
        this.slot = slot;
        this.requestId = requestId;
        this.micros = micros;
        this.tenant = tenant;
        this.route = route;
        this.credentialId = credentialId;
        this.credentialType = credentialType;
        this.method = method;
        this.path = path;
        this.query = query;
        this.status = status;
        this.errorCode = errorCode;
        this.latencyMs = latencyMs;
        this.upstreamLatencyMs = upstreamLatencyMs;
        this.clientIp = clientIp;
        this.bytesIn = bytesIn;
        this.bytesOut = bytesOut;
        this.attemptCount = attemptCount;
        this.attempts = attempts;
        this.source = source;
        this.attemptsAt = attemptsAt;
    }

    /** A call as it will be stored in the {@code slot}-th place of a new block. */
    static StoredRow of(CallRecord r, int slot) {
        Instant at = r.timestamp() == null ? Instant.now() : r.timestamp();
        List<Attempt> kept = r.attempts().size() <= MAX_ATTEMPTS_STORED ? r.attempts()
                : r.attempts().subList(0, MAX_ATTEMPTS_STORED);
        return new StoredRow(0, slot, cut(r.requestId() == null ? "-" : r.requestId(), 128), micros(at),
                cut(r.tenant(), 100), cut(r.route(), 63), cut(r.credentialId(), 40), cut(r.credentialType(), 20),
                cut(r.method() == null ? "-" : r.method(), 16), cut(r.path() == null ? "" : r.path(), 2000),
                cut(QueryRedaction.redact(r.query()), 2000), r.status(), cut(r.errorCode(), 64), r.latencyMs(),
                r.upstreamLatencyMs(), cut(r.clientIp(), 64), r.bytesIn(), r.bytesOut(), r.attempts().size(),
                cutAll(kept), null, 0);
    }

    /** The attempts within the stored sizes; the same list when every attempt already fits (the usual case). */
    private static List<Attempt> cutAll(List<Attempt> attempts) {
        Attempt[] cut = null;
        for (int i = 0; i < attempts.size(); i++) {
            Attempt original = attempts.get(i);
            Attempt fitting = cut(original);
            if (fitting != original && cut == null) {
                cut = attempts.toArray(new Attempt[0]);
            }
            if (cut != null) {
                cut[i] = fitting;
            }
        }
        return cut == null ? List.copyOf(attempts) : List.of(cut);
    }

    /** The row's id in the log API: its block's id and its slot, so a row is found by its block's primary key. */
    long id() {
        return LogBlock.rowId(blockId, slot);
    }

    /** Status class 0..9, as the block's status mask and the class filter use it. */
    int statusClass() {
        return Math.max(0, Math.min(9, status / 100));
    }

    List<Attempt> attempts() {
        if (attempts == null) {
            attempts = LogBlockCodec.readAttempts(source, attemptsAt);
        }
        return attempts;
    }

    /**
     * Puts this row, fresh and not yet in any block, in place {@code newSlot} of the block being cut (in place: the
     * batch owns its rows, and a copy per row cost the writer as much as encoding it). Its attempts are read first, so
     * the row no longer needs the block it may have been read from.
     */
    void placeAt(int newSlot) {
        attempts();
        slot = newSlot;
    }

    LogEntry toEntry() {
        return new LogEntry(id(), requestId, instant(micros), tenant, route, credentialId, credentialType, method, path,
                query, status, errorCode, latencyMs, upstreamLatencyMs, clientIp, bytesIn, bytesOut, attempts());
    }

    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    private static Attempt cut(Attempt a) {
        String provider = cut(a.provider(), 100);
        String target = cut(a.target(), 500);
        String errorCode = cut(a.errorCode(), 64);
        String decision = cut(a.decision(), 500);
        if (provider == a.provider() && target == a.target() && errorCode == a.errorCode()
                && decision == a.decision()) {
            return a;
        }
        return new Attempt(provider, target, a.startedAt(), a.latencyMs(), a.status(), errorCode, decision);
    }
}
