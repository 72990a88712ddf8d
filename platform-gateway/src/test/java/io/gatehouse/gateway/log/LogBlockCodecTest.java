package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LogBlockCodecTest {
    private static final long BLOCK_ID = 7;
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00.123456Z");

    private static CallRecord fullCall() {
        return new CallRecord("req-Ünïcødé-🚀", T0, "acme", "routé-日本", "cred-ß", "API_KEY", "PATCH",
                "/pa th/ä/😀", "a=1&b=ö", 503, "upstream_timeout", 1234, 987, "2001:db8::1", 4096, 1L << 40,
                List.of(new Attempt("prov-Ω", "http://tärget:8080/x", T0.plusMillis(1), 400, 503, null,
                                "upstream answered 503; trying next in 80 ms"),
                        new Attempt("prov-2", "http://second:1", T0.plusMillis(500), 600, 0, "upstream_timeout",
                                "no attempts left")));
    }

    private static List<StoredRow> roundTrip(List<StoredRow> rows) {
        LogBlockCodec.Encoded encoded = LogBlockCodec.encode(rows);
        return LogBlockCodec.decode(BLOCK_ID, encoded.rows());
    }

    private static StoredRow roundTrip(StoredRow row) {
        List<StoredRow> decoded = roundTrip(List.of(row));
        assertThat(decoded).hasSize(1);
        return decoded.get(0);
    }

    /** Every stored field of {@code actual} equals that of {@code expected} (the block id aside). */
    private static void assertSameCall(StoredRow actual, StoredRow expected) {
        assertThat(actual.toEntry()).usingRecursiveComparison().ignoringFields("id").isEqualTo(expected.toEntry());
        assertThat(actual.slot).isEqualTo(expected.slot);
        assertThat(actual.micros).isEqualTo(expected.micros);
        assertThat(actual.attemptCount).isEqualTo(expected.attemptCount);
        assertThat(actual.id()).isEqualTo(BLOCK_ID * LogBlock.SLOTS + expected.slot);
    }

    @Test
    void everyFieldOfACallSurvivesTheRoundTripIncludingUnicode() {
        StoredRow original = StoredRow.of(fullCall(), 0);

        StoredRow decoded = roundTrip(original);

        assertSameCall(decoded, original);
        LogEntry entry = decoded.toEntry();
        assertThat(entry.requestId()).isEqualTo("req-Ünïcødé-🚀");
        assertThat(entry.timestamp()).isEqualTo(T0);
        assertThat(entry.route()).isEqualTo("routé-日本");
        assertThat(entry.path()).isEqualTo("/pa th/ä/😀");
        assertThat(entry.bytesOut()).isEqualTo(1L << 40);
        assertThat(entry.attempts()).isEqualTo(fullCall().attempts());
    }

    @Test
    void nullsAndEmptyStringsStayDistinct() {
        CallRecord nulls = new CallRecord("r-null", T0, null, null, null, null, "GET", "/", null, 404, null, 0, 0,
                null, 0, 0, List.of(new Attempt(null, null, null, 0, 0, null, null)));
        CallRecord empties = new CallRecord("", T0, "", "", "", "", "", "", "", 200, "", 0, 0, "", 0, 0,
                List.of(new Attempt("", "", T0, 0, 0, "", "")));

        StoredRow decodedNulls = roundTrip(StoredRow.of(nulls, 0));
        StoredRow decodedEmpties = roundTrip(StoredRow.of(empties, 0));

        assertSameCall(decodedNulls, StoredRow.of(nulls, 0));
        assertSameCall(decodedEmpties, StoredRow.of(empties, 0));
        assertThat(decodedNulls.route).isNull();
        assertThat(decodedNulls.query).isNull();
        assertThat(decodedNulls.attempts().get(0).startedAt()).isNull();
        assertThat(decodedNulls.attempts().get(0).provider()).isNull();
        assertThat(decodedEmpties.route).isEmpty();
        assertThat(decodedEmpties.requestId).isEmpty();
        assertThat(decodedEmpties.query).isEmpty();
        assertThat(decodedEmpties.attempts().get(0).provider()).isEmpty();
    }

    @Test
    void negativeAndExtremeNumbersSurvive() {
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
        CallRecord odd = new CallRecord("neg", beforeEpoch, "acme", "r", null, null, "GET", "/", null, 0, null, -5,
                Long.MIN_VALUE, null, Long.MAX_VALUE, -1,
                List.of(new Attempt("p", "t", beforeEpoch.minusSeconds(1), -1, -200, null, null),
                        new Attempt("p", "t", Instant.EPOCH, Long.MAX_VALUE, Integer.MAX_VALUE, null, null)));

        StoredRow decoded = roundTrip(StoredRow.of(odd, 0));

        assertSameCall(decoded, StoredRow.of(odd, 0));
        assertThat(decoded.micros).isEqualTo(-1);
        assertThat(decoded.latencyMs).isEqualTo(-5);
        assertThat(decoded.upstreamLatencyMs).isEqualTo(Long.MIN_VALUE);
        assertThat(decoded.bytesIn).isEqualTo(Long.MAX_VALUE);
        assertThat(decoded.toEntry().timestamp()).isEqualTo(beforeEpoch);
        assertThat(decoded.attempts()).isEqualTo(odd.attempts());
    }

    @Test
    void moreThanFiftyAttemptsAreCutToTheFirstFiftyButTheirCountIsKept() {
        List<Attempt> attempts = IntStream.range(0, 73)
                .mapToObj(i -> new Attempt("p", "http://t/" + i, T0.plusMillis(i), i, 502, null, "try " + i))
                .toList();
        CallRecord call = new CallRecord("many", T0, "acme", "r", null, null, "GET", "/", null, 502, null, 1, 1, null,
                0, 0, attempts);

        StoredRow decoded = roundTrip(StoredRow.of(call, 0));

        assertThat(decoded.attemptCount).isEqualTo(73);
        assertThat(decoded.attempts()).hasSize(StoredRow.MAX_ATTEMPTS_STORED)
                .isEqualTo(attempts.subList(0, StoredRow.MAX_ATTEMPTS_STORED));
    }

    @Test
    void slotsArePreservedEvenWhenTheyHaveGaps() {
        int[] slots = {3, 17, 18, 1023};
        List<StoredRow> rows = new ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            CallRecord call = new CallRecord("r" + i, T0.plusSeconds(i), "acme", "r", null, null, "GET", "/" + i, null,
                    200, null, i, 0, null, 0, 0, List.of());
            rows.add(StoredRow.of(call, slots[i]));
        }

        List<StoredRow> decoded = roundTrip(rows);

        assertThat(decoded).extracting(r -> r.slot).containsExactly(3, 17, 18, 1023);
        assertThat(decoded).extracting(StoredRow::id).containsExactly(BLOCK_ID * 1024 + 3, BLOCK_ID * 1024 + 17,
                BLOCK_ID * 1024 + 18, BLOCK_ID * 1024 + 1023);
        for (int i = 0; i < slots.length; i++) {
            assertSameCall(decoded.get(i), rows.get(i));
        }
    }

    @Test
    void theHeaderSummarisesTheRows() {
        List<StoredRow> rows = List.of(
                StoredRow.of(call("a", T0.plusSeconds(5), 204), 0),
                StoredRow.of(call("b", T0, 404), 1),
                StoredRow.of(call("c", T0.plusSeconds(2), 503), 2));

        LogBlockCodec.Encoded encoded = LogBlockCodec.encode(rows);

        assertThat(encoded.rowCount()).isEqualTo(3);
        assertThat(encoded.firstMicros()).isEqualTo(StoredRow.micros(T0));
        assertThat(encoded.lastMicros()).isEqualTo(StoredRow.micros(T0.plusSeconds(5)));
        assertThat(encoded.statusClasses()).isEqualTo((1 << 2) | (1 << 4) | (1 << 5));
        for (String requestId : List.of("a", "b", "c")) {
            assertThat(ValueFilter.mayContain(encoded.values(), ValueFilter.REQUEST_ID, requestId)).isTrue();
        }
        assertThat(ValueFilter.mayContain(encoded.values(), ValueFilter.ROUTE, "echo")).isTrue();
    }

    @Test
    void aBlockHoldsOneToOneThousandTwentyFourRows() {
        List<StoredRow> tooMany = IntStream.range(0, LogBlock.SLOTS + 1)
                .mapToObj(slot -> StoredRow.of(call("a", T0, 200), slot)).toList();

        assertThatThrownBy(() -> LogBlockCodec.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogBlockCodec.encode(tooMany)).isInstanceOf(IllegalArgumentException.class);
        assertThat(roundTrip(tooMany.subList(0, LogBlock.SLOTS))).hasSize(LogBlock.SLOTS);
    }

    @Test
    void everyTruncationOfABlockIsRefusedAsCorrupt() {
        byte[] bytes = LogBlockCodec.encode(List.of(StoredRow.of(fullCall(), 0), StoredRow.of(fullCall(), 1)))
                .rows();

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> decodeFully(truncated)).as("first %d of %d bytes", length, bytes.length)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("corrupt request log block");
        }
    }

    @Test
    void aCorruptedBlockEitherDecodesOrIsRefusedAsCorruptNeverWithAnotherException() {
        byte[] bytes = LogBlockCodec.encode(List.of(StoredRow.of(fullCall(), 0), StoredRow.of(fullCall(), 1)))
                .rows();
        Random random = new Random(42);

        for (int trial = 0; trial < 20_000; trial++) {
            byte[] corrupt = bytes.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                // keep the version byte: an unknown version has its own test
                corrupt[1 + random.nextInt(corrupt.length - 1)] = (byte) random.nextInt(256);
            }
            try {
                decodeFully(corrupt);
            } catch (IllegalStateException expected) {
                assertThat(expected).hasMessageContaining("corrupt request log block");
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("corruption trial " + trial + " failed with " + e, e);
            }
        }
    }

    @Test
    void anUnknownFormatVersionIsRefused() {
        byte[] bytes = LogBlockCodec.encode(List.of(StoredRow.of(fullCall(), 0))).rows();
        bytes[0] = 2;

        assertThatThrownBy(() -> LogBlockCodec.decode(BLOCK_ID, bytes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("format version 2");
    }

    /** Decodes the rows and their attempts (which a decoded row reads only when asked). */
    private static void decodeFully(byte[] bytes) {
        for (StoredRow row : LogBlockCodec.decode(BLOCK_ID, bytes)) {
            row.attempts();
        }
    }

    private static CallRecord call(String requestId, Instant at, int status) {
        return new CallRecord(requestId, at, "acme", "echo", "cred", "BASIC", "GET", "/echo", null, status, null, 1, 1,
                null, 0, 0, List.of());
    }
}
