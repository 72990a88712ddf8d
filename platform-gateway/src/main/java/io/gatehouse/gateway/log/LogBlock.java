package io.gatehouse.gateway.log;

/**
 * What the {@code request_log_block} table says about a block without its rows: whose calls it holds, the time span
 * of its calls (microseconds), and what a filter can rule out without decoding it - the status classes present (bit
 * {@code c} set for class {@code c}) and a {@link ValueFilter} over its request ids, routes and credential ids.
 * {@code summary} ({@link BlockSummary}) is read only by scans that count calls, else null.
 * A row's id is its block's id times {@value #SLOTS} plus its slot, so a row id finds its block by primary key.
 */
record LogBlock(long id, Long tenantId, long firstMicros, long lastMicros, int rowCount, int statusClasses,
                byte[] values, byte[] summary) {
    /** Rows per block at most; slots are 0 .. SLOTS - 1. */
    static final int SLOTS = 1024;

    static long rowId(long blockId, int slot) {
        return blockId * SLOTS + slot;
    }

    static long blockOf(long rowId) {
        return rowId / SLOTS;
    }

    static int slotOf(long rowId) {
        return (int) (rowId % SLOTS);
    }

    boolean mayHaveStatusClass(int statusClass) {
        return (statusClasses & (1 << statusClass)) != 0;
    }
}
