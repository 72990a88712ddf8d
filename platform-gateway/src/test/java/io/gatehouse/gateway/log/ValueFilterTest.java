package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValueFilterTest {
    private static final char[] KINDS = {ValueFilter.REQUEST_ID, ValueFilter.ROUTE, ValueFilter.CREDENTIAL};
    private static final double MAX_FALSE_POSITIVE_RATE = 0.03;

    private record Value(char kind, String text) {
    }

    private static String randomText(Random random) {
        int length = 1 + random.nextInt(40);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // mostly ASCII, some accented letters, CJK and surrogate pairs
            int pick = random.nextInt(20);
            if (pick == 0) {
                sb.append((char) (0x4E00 + random.nextInt(500)));
            } else if (pick == 1) {
                sb.append("😀");
            } else if (pick == 2) {
                sb.append((char) (0xC0 + random.nextInt(60)));
            } else {
                sb.append((char) ('!' + random.nextInt(94)));
            }
        }
        return sb.toString();
    }

    private static List<Value> distinctValues(Random random, int count, Set<Value> avoid) {
        Set<Value> values = new HashSet<>();
        while (values.size() < count) {
            Value v = new Value(KINDS[random.nextInt(KINDS.length)], randomText(random));
            if (!avoid.contains(v)) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }

    private static byte[] filterOf(List<Value> values) {
        ValueFilter filter = ValueFilter.forValues(values.size());
        values.forEach(v -> filter.add(v.kind(), v.text()));
        return filter.toBytes();
    }

    private static double falsePositiveRate(byte[] filter, List<Value> absent) {
        long hits = absent.stream().filter(v -> ValueFilter.mayContain(filter, v.kind(), v.text())).count();
        return (double) hits / absent.size();
    }

    @Test
    void everyAddedValueIsReportedAsPossiblyPresent() {
        Random random = new Random(1);
        for (int size : new int[] {1, 7, 100, 1_024, 5_000}) {
            List<Value> added = distinctValues(random, size, Set.of());

            byte[] filter = filterOf(added);

            assertThat(added).as("filter sized for %d values", size)
                    .allMatch(v -> ValueFilter.mayContain(filter, v.kind(), v.text()));
        }
    }

    @Test
    void valuesNotAddedAreRarelyReportedAsPossiblyPresent() {
        Random random = new Random(2);
        List<Value> added = distinctValues(random, 3_000, Set.of());
        List<Value> absent = distinctValues(random, 20_000, new HashSet<>(added));

        assertThat(falsePositiveRate(filterOf(added), absent)).isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }

    @Test
    void theSameTextOfAnotherKindIsRarelyReportedAsPossiblyPresent() {
        Random random = new Random(3);
        List<Value> routes = new ArrayList<>();
        for (Value v : distinctValues(random, 3_000, Set.of())) {
            routes.add(new Value(ValueFilter.ROUTE, v.text()));
        }
        byte[] filter = filterOf(routes);
        List<Value> sameTextOtherKinds = new ArrayList<>();
        for (Value route : routes) {
            sameTextOtherKinds.add(new Value(ValueFilter.CREDENTIAL, route.text()));
            sameTextOtherKinds.add(new Value(ValueFilter.REQUEST_ID, route.text()));
        }

        assertThat(routes).allMatch(v -> ValueFilter.mayContain(filter, v.kind(), v.text()));
        assertThat(falsePositiveRate(filter, sameTextOtherKinds)).isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }

    @Test
    void anEmptyFilterRulesOutEverythingAndAFilterWithoutBytesRulesOutNothing() {
        byte[] empty = ValueFilter.forValues(10).toBytes();

        assertThat(ValueFilter.mayContain(empty, ValueFilter.ROUTE, "echo")).isFalse();
        assertThat(ValueFilter.mayContain(new byte[0], ValueFilter.ROUTE, "echo")).isTrue();
    }

    /**
     * A block's filter holds three values per call when every call has its own route and credential (request ids are
     * unique anyway): it must still rule out most blocks that lack a value, or a filtered scan decodes them all.
     */
    @Test
    void aBlockWhoseCallsAllHaveDistinctRoutesAndCredentialsStillRulesOutMostAbsentValues() {
        Instant t0 = Instant.parse("2026-11-26T07:00:00Z");
        List<StoredRow> rows = new ArrayList<>();
        for (int i = 0; i < LogBlock.SLOTS; i++) {
            rows.add(StoredRow.of(new CallRecord("req-" + i, t0, "acme", "route-" + i, "cred-" + i, "API_KEY", "GET",
                    "/", null, 200, null, 1, 1, null, 0, 0, List.of()), i));
        }

        byte[] filter = LogBlockCodec.encode(rows).values();

        List<Value> absent = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            absent.add(new Value(KINDS[i % KINDS.length], "absent-" + i));
        }
        assertThat(rows).allMatch(r -> ValueFilter.mayContain(filter, ValueFilter.ROUTE, r.route)
                && ValueFilter.mayContain(filter, ValueFilter.CREDENTIAL, r.credentialId)
                && ValueFilter.mayContain(filter, ValueFilter.REQUEST_ID, r.requestId));
        assertThat(falsePositiveRate(filter, absent)).isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }
}
