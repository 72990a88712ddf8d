package io.gatehouse.gateway.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the dashboard counts, pre-counted for one block when it is written: calls per status class, per latency bin
 * and per route (calls, 5xx, latency sum), and how many failed calls it holds. A block whose calls all fall in one
 * dashboard bucket and hold no failed call (or none still needed for the failed-call sample) is counted from this,
 * without decoding its calls, so a day of full blocks costs one summary per 1024 calls.
 */
final class BlockSummary {
    static final int CLASSES = 6;
    private static final int VERSION = 1;

    final long[] byClass = new long[CLASSES];
    final long[] bins = new long[LatencyHistogram.BINS];
    /** Route name to {calls, 5xx, latency sum}. */
    final Map<String, long[]> routes = new LinkedHashMap<>();
    String tenant;
    int failedCalls;
    /** The counts of the route added last: consecutive calls are mostly to the same route. */
    private String lastRoute;
    private long[] lastRouteCounts;

    /** A call the failing-targets view samples: the gateway failed it or it ended 5xx, after trying an upstream. */
    static boolean isFailed(StoredRow row) {
        return (row.errorCode != null || row.statusClass() == 5) && row.attemptCount > 0;
    }

    static BlockSummary of(List<StoredRow> rows) {
        BlockSummary s = new BlockSummary();
        rows.forEach(s::add);
        return s;
    }

    /** Counts one more call. */
    void add(StoredRow row) {
        tenant = row.tenant;
        byClass[Math.min(CLASSES - 1, row.statusClass())]++;
        bins[LatencyHistogram.binOf(row.latencyMs)]++;
        if (row.route != null) {
            if (!row.route.equals(lastRoute)) {
                lastRoute = row.route;
                lastRouteCounts = routes.computeIfAbsent(row.route, k -> new long[3]);
            }
            lastRouteCounts[0]++;
            lastRouteCounts[1] += row.statusClass() == 5 ? 1 : 0;
            lastRouteCounts[2] += row.latencyMs;
        }
        failedCalls += isFailed(row) ? 1 : 0;
    }

    byte[] toBytes() {
        BlockBytes.Out out = new BlockBytes.Out(64 + 24 * routes.size());
        out.writeByte(VERSION);
        out.writeString(tenant);
        for (long c : byClass) {
            out.writeLong(c);
        }
        for (long b : bins) {
            out.writeLong(b);
        }
        out.writeLong(failedCalls);
        out.writeLong(routes.size());
        routes.forEach((route, r) -> {
            out.writeString(route);
            out.writeLong(r[0]);
            out.writeLong(r[1]);
            out.writeLong(r[2]);
        });
        return out.toArray();
    }

    static BlockSummary read(byte[] bytes) {
        BlockBytes.In in = new BlockBytes.In(bytes, 0);
        int version = in.readByte();
        if (version != VERSION) {
            throw new IllegalStateException("request log block summary has format version " + version
                    + "; this server reads version " + VERSION);
        }
        BlockSummary s = new BlockSummary();
        s.tenant = in.readString();
        for (int i = 0; i < CLASSES; i++) {
            s.byClass[i] = in.readLong();
        }
        for (int i = 0; i < s.bins.length; i++) {
            s.bins[i] = in.readLong();
        }
        s.failedCalls = in.readInt();
        int routes = in.readCount();
        for (int i = 0; i < routes; i++) {
            s.routes.put(in.readString(), new long[] {in.readLong(), in.readLong(), in.readLong()});
        }
        return s;
    }
}
