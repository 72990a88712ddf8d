package io.gatehouse.gateway.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The last {@value #CAPACITY} calls in memory, newest first, for the console's "Test" panel and live views. A ring
 * buffer under one lock: appends are a few field writes, so the lock is never held for long.
 */
@Component
public class RecentCalls implements CallRecordSink {
    static final int CAPACITY = 2_000;

    private final CallRecord[] ring = new CallRecord[CAPACITY];
    private long written;

    @Override
    public synchronized void accept(CallRecord record) {
        ring[(int) (written % CAPACITY)] = record;
        written++;
    }

    /** The call with this request id, if it is still among the recent ones and belongs to the tenant. */
    public synchronized Optional<CallRecord> find(String tenant, String requestId) {
        for (long i = written - 1; i >= 0 && i >= written - CAPACITY; i--) {
            CallRecord record = ring[(int) (i % CAPACITY)];
            if (record.requestId().equals(requestId) && tenant.equals(record.tenant())) {
                return Optional.of(record);
            }
        }
        return Optional.empty();
    }

    /** Up to {@code limit} of the tenant's most recent calls, newest first. */
    public synchronized List<CallRecord> latest(String tenant, int limit) {
        List<CallRecord> out = new ArrayList<>();
        for (long i = written - 1; i >= 0 && i >= written - CAPACITY && out.size() < limit; i--) {
            CallRecord record = ring[(int) (i % CAPACITY)];
            if (tenant.equals(record.tenant())) {
                out.add(record);
            }
        }
        return out;
    }
}
