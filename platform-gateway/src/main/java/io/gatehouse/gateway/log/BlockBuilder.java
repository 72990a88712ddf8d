package io.gatehouse.gateway.log;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes rows into blocks in one pass over them: each row is written once into a buffer reused from block to block,
 * while the block's time span, status classes, value-filter hashes and dashboard summary are gathered from the same
 * row. Making new blocks ({@link #newBlocks}), a row gets the next slot and, when it would break a block limit
 * (slots, {@value LogBlocks#MAX_BLOCK_BYTES} bytes, {@value LogBlocks#MAX_SPAN_MICROS} µs from the block's first
 * row), closes the block and starts the next one; the rows must then come in time order. Re-encoding a block
 * ({@link #sameBlock}) keeps every row's slot and never cuts.
 */
final class BlockBuilder {
    /** The block's version byte and its row count (a varint of at most 2 bytes for {@value LogBlock#SLOTS}). */
    private static final int HEAD_BYTES = 3;

    private final boolean cutting;
    private final BlockBytes.Out rows;
    private final List<LogBlockCodec.Encoded> blocks = new ArrayList<>();
    private long[] hashes = new long[64];
    private int hashCount;
    private BlockSummary summary = new BlockSummary();
    private int count;
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private int statusClasses;

    private BlockBuilder(boolean cutting, int expectedRows) {
        this.cutting = cutting;
        this.rows = new BlockBytes.Out((int) Math.min(LogBlocks.MAX_BLOCK_BYTES,
                (long) Math.min(expectedRows, LogBlock.SLOTS) * 256));
    }

    /** For new blocks of rows in time order: slots are assigned, blocks cut at the limits. */
    static BlockBuilder newBlocks(int expectedRows) {
        return new BlockBuilder(true, expectedRows);
    }

    /** For one block whose rows keep their slots (a block rewritten without some of its rows). */
    static BlockBuilder sameBlock(int rows) {
        return new BlockBuilder(false, rows);
    }

    void add(StoredRow row) {
        if (cutting && count > 0 && (count == LogBlock.SLOTS || row.micros - first > LogBlocks.MAX_SPAN_MICROS)) {
            closeBlock();
        }
        int start = rows.size();
        write(row);
        if (cutting && count > 0 && HEAD_BYTES + rows.size() > LogBlocks.MAX_BLOCK_BYTES) {
            rows.truncate(start);
            closeBlock();
            write(row);
        }
        gather(row);
    }

    /** The blocks made, the last one closed; the builder is not used after this. */
    List<LogBlockCodec.Encoded> finish() {
        if (count > 0) {
            closeBlock();
        }
        return blocks;
    }

    private void write(StoredRow row) {
        if (cutting) {
            row.placeAt(count);
        }
        LogBlockCodec.writeRow(rows, row);
    }

    private void gather(StoredRow row) {
        count++;
        first = Math.min(first, row.micros);
        last = Math.max(last, row.micros);
        statusClasses |= 1 << row.statusClass();
        hash(ValueFilter.REQUEST_ID, row.requestId);
        hash(ValueFilter.ROUTE, row.route);
        hash(ValueFilter.CREDENTIAL, row.credentialId);
        summary.add(row);
    }

    private void hash(char kind, String value) {
        if (value == null) {
            return;
        }
        if (hashCount == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[hashCount++] = ValueFilter.hash(kind, value);
    }

    private void closeBlock() {
        BlockBytes.Out head = new BlockBytes.Out(HEAD_BYTES);
        head.writeByte(LogBlockCodec.VERSION);
        head.writeLong(count);
        blocks.add(new LogBlockCodec.Encoded(rows.toArrayAfter(head), count, first, last, statusClasses,
                valueFilter(), summary.toBytes()));
        rows.truncate(0);
        hashCount = 0;
        summary = new BlockSummary();
        count = 0;
        first = Long.MAX_VALUE;
        last = Long.MIN_VALUE;
        statusClasses = 0;
    }

    /** The filter over the distinct values (routes and credentials repeat from row to row). */
    private byte[] valueFilter() {
        Arrays.sort(hashes, 0, hashCount);
        int distinct = 0;
        for (int i = 0; i < hashCount; i++) {
            if (i == 0 || hashes[i] != hashes[i - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        ValueFilter filter = ValueFilter.forValues(distinct);
        for (int i = 0; i < distinct; i++) {
            filter.addHash(hashes[i]);
        }
        return filter.toBytes();
    }
}
