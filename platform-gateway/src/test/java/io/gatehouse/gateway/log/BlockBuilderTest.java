package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One pass that cuts rows into blocks: what each block holds, and that nothing is lost or renumbered on the way. */
class BlockBuilderTest {
    private static final Instant T0 = Instant.parse("2026-11-27T07:00:00Z");

    private static StoredRow row(int i, Instant at, int pathLength, int attempts) {
        List<Attempt> tries = new ArrayList<>();
        for (int a = 0; a < attempts; a++) {
            tries.add(new Attempt("p", "t".repeat(500), at, 1, 502, "upstream_error", "d".repeat(500)));
        }
        return StoredRow.of(new CallRecord("req-" + i, at, "acme", "route-" + i % 3, "cred-" + i % 2, "BASIC", "GET",
                "/" + "x".repeat(pathLength), null, i % 7 == 0 ? 502 : 200, null, i, 1, "10.0.0.1", i, 0, tries), 0);
    }

    @Test
    void rowsCutAtTheByteLimitKeepTheirOrderAndEachBlockNumbersItsSlotsFromZero() {
        List<StoredRow> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            rows.add(row(i, T0.plusMillis(i), 1999, 40)); // about 42 KB each: 6 MB in all
        }

        List<LogBlockCodec.Encoded> blocks = LogBlockCodec.encodeAll(rows);

        assertThat(blocks).hasSizeGreaterThan(1);
        List<String> requestIds = new ArrayList<>();
        for (LogBlockCodec.Encoded block : blocks) {
            assertThat(block.rows().length).isLessThanOrEqualTo(LogBlocks.MAX_BLOCK_BYTES);
            List<StoredRow> decoded = LogBlockCodec.decode(1, block.rows());
            assertThat(decoded).hasSize(block.rowCount());
            assertThat(decoded).extracting(r -> r.slot).containsExactlyElementsOf(
                    IntStream.range(0, decoded.size()).boxed().toList());
            assertThat(block.firstMicros()).isEqualTo(decoded.get(0).micros);
            assertThat(block.lastMicros()).isEqualTo(decoded.get(decoded.size() - 1).micros);
            decoded.forEach(r -> requestIds.add(r.requestId));
            decoded.forEach(r -> assertThat(r.attempts()).hasSize(40));
        }
        assertThat(requestIds).containsExactlyElementsOf(rows.stream().map(r -> r.requestId).toList());
    }

    @Test
    void aBlocksHeaderFilterAndSummaryDescribeExactlyItsOwnRows() {
        List<StoredRow> rows = new ArrayList<>();
        for (int i = 0; i < LogBlock.SLOTS + 10; i++) {
            rows.add(row(i, T0.plusMillis(i), 5, 1));
        }

        List<LogBlockCodec.Encoded> blocks = LogBlockCodec.encodeAll(rows);

        assertThat(blocks).extracting(LogBlockCodec.Encoded::rowCount).containsExactly(LogBlock.SLOTS, 10);
        LogBlockCodec.Encoded second = blocks.get(1);
        assertThat(ValueFilter.mayContain(second.values(), ValueFilter.REQUEST_ID, "req-" + LogBlock.SLOTS)).isTrue();
        assertThat(ValueFilter.mayContain(second.values(), ValueFilter.CREDENTIAL, "cred-1")).isTrue();
        BlockSummary summary = BlockSummary.read(second.summary());
        long fiveHundreds = rows.subList(LogBlock.SLOTS, rows.size()).stream().filter(r -> r.status == 502).count();
        assertThat(summary.byClass[5]).isEqualTo(fiveHundreds);
        assertThat(summary.byClass[2]).isEqualTo(10 - fiveHundreds);
        assertThat(summary.routes.values().stream().mapToLong(r -> r[0]).sum()).isEqualTo(10);
        assertThat(second.statusClasses()).isEqualTo(fiveHundreds > 0 ? (1 << 2) | (1 << 5) : 1 << 2);
    }

    @Test
    void reEncodingABlockKeepsEverySlotAndNeverCuts() {
        List<StoredRow> kept = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            StoredRow r = row(i, T0.plusSeconds(100L * i), 5, 1); // 400 s apart: would be cut as new rows
            r.placeAt(3 * i + 1);
            kept.add(r);
        }

        LogBlockCodec.Encoded block = LogBlockCodec.encode(kept);

        assertThat(LogBlockCodec.decode(9, block.rows())).extracting(r -> r.slot).containsExactly(1, 4, 7, 10, 13);
    }
}
