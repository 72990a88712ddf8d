package io.gatehouse.gateway.log;

/**
 * A consistent reading of the request log pipeline: {@code accepted = persisted + dropped + queued} always holds.
 * {@code queued} counts records accepted but not yet in the database (in the queue or in the batch being written).
 */
public record RequestLogCounters(long accepted, long persisted, long dropped, long queued) {
    public RequestLogCounters {
        if (accepted != persisted + dropped + queued || queued < 0) {
            throw new IllegalArgumentException("inconsistent counters " + accepted + " != " + persisted + " + "
                    + dropped + " + " + queued);
        }
    }
}
