package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.gatehouse.auth.access.AccessControl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Paging through the request log against an oracle: calls written in many batches (so in many blocks whose time
 * spans overlap, with calls at the same microsecond in different blocks, for several tenants and an unknown one) are
 * paged with random filters and page sizes by following {@code nextCursor}, and the pages together must be exactly
 * the matching calls, newest first on (time, id), none twice. Each call carries a serial number (in
 * {@code bytesIn}, which no filter looks at) so the oracle can tell calls apart without knowing their ids.
 */
class LogScanOrderTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");
    private static final long WINDOW_MICROS = 10 * 60 * 1_000_000L;
    private static final List<String> KNOWN = List.of("acme", "beta");
    private static final String[] SLUGS = {"acme", "acme", "acme", "beta", "beta", "ghost", null};
    private static final String[] ROUTES = {"echo", "users", "orders", null};
    private static final String[] CREDENTIALS = {"cred-a", "cred-b", "cred-c", null};
    private static final int[] STATUSES = {101, 200, 201, 204, 302, 400, 404, 429, 500, 502, 503};
    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta"};

    private TestDatabase db;
    private JdbcTemplate jdbc;
    private RequestLogService service;
    private final Map<String, Long> tenantIds = new HashMap<>();
    private final List<CallRecord> calls = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = new TestDatabase();
        jdbc = new JdbcTemplate(db);
        for (String slug : KNOWN) {
            db.tenant(slug);
            tenantIds.put(slug, jdbc.queryForObject("SELECT id FROM tenant WHERE slug = ?", Long.class, slug));
        }
        // listAll only asks AccessControl whether the caller is a platform admin; the mock says yes
        service = new RequestLogService(jdbc, mock(AccessControl.class));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void pagingAnyFilterOfATenantGivesExactlyItsMatchingCallsNewestFirst(long seed) {
        Random random = new Random(seed);
        insertRandomBatches(random);

        int severalPages = 0;
        for (int i = 0; i < 25; i++) {
            String slug = KNOWN.get(random.nextInt(KNOWN.size()));
            LogFilter filter = randomFilter(random);
            long tenantId = tenantIds.get(slug);
            List<CallRecord> expected = expected(slug, filter);

            List<LogEntry> paged = pageThrough(filter, f -> RequestLogService.page(jdbc, tenantId, f));

            assertSameCallsNewestFirst(paged, expected, "tenant " + slug + ", " + filter);
            severalPages += expected.size() > 3 * filter.limit() ? 1 : 0;
        }
        assertThat(severalPages).as("filters whose calls fill more than three pages").isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void pagingAnyFilterAcrossAllTenantsGivesExactlyTheMatchingCallsOfKnownAndUnknownTenants(long seed) {
        Random random = new Random(seed);
        insertRandomBatches(random);

        for (int i = 0; i < 15; i++) {
            LogFilter filter = randomFilter(random);

            List<LogEntry> paged = pageThrough(filter, service::listAll);

            assertSameCallsNewestFirst(paged, expected(null, filter), "all tenants, " + filter);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {21, 22})
    void aFullScanVisitsEveryStoredCallOnceNewestFirst(long seed) {
        insertRandomBatches(new Random(seed));
        List<LogEntry> visited = new ArrayList<>();

        LogScan.newestFirst(jdbc, null, LogMatch.all(), row -> visited.add(row.toEntry()));

        assertSameCallsNewestFirst(visited, calls, "full scan");
    }

    @Test
    void callsAtTheSameMicrosecondInDifferentBlocksArePagedOneByOneWithoutLossOrRepeat() {
        Instant at = T0.plusSeconds(30);
        for (int batch = 0; batch < 5; batch++) {
            List<CallRecord> batchCalls = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                batchCalls.add(call("acme", "req-" + calls.size(), at, "echo", "cred-a", 200, "/same"));
            }
            // a newer and an older call widen the block around the tie; the later a block, the narrower, so a block
            // with higher ids comes after blocks that end later but hold calls of the same microsecond
            int spread = 4 - batch;
            batchCalls.add(call("acme", "req-" + calls.size(), at.plusSeconds(spread), "echo", "cred-a", 200, "/n"));
            batchCalls.add(call("acme", "req-" + calls.size(), at.minusSeconds(spread), "echo", "cred-a", 200, "/o"));
            db.insert(batchCalls);
        }

        for (int limit = 1; limit <= 4; limit++) {
            LogFilter filter = LogFilter.newest().withLimit(limit);
            List<LogEntry> paged = pageThrough(filter, f -> RequestLogService.page(jdbc, tenantIds.get("acme"), f));
            assertSameCallsNewestFirst(paged, calls, "limit " + limit);
        }
    }

    // --- the calls and the oracle ---

    private CallRecord call(String slug, String requestId, Instant at, String route, String credential, int status,
                            String path) {
        CallRecord c = new CallRecord(requestId, at, slug, route, credential, credential == null ? null : "API_KEY",
                "GET", path, null, status, status >= 500 ? "upstream_error" : null, 5, 4, "10.0.0.1",
                calls.size(), 100, List.of());
        calls.add(c);
        return c;
    }

    /**
     * Many batches, each written as the writer writes one (so each becomes its own blocks): each batch's calls lie in
     * a random part of a ten-minute window, batches overlap, and a fifth of all calls share a few exact times.
     */
    private void insertRandomBatches(Random random) {
        long[] popularMicros = new long[12];
        for (int i = 0; i < popularMicros.length; i++) {
            popularMicros[i] = random.nextLong(WINDOW_MICROS);
        }
        long[] widths = {0, 1_000_000L, 30_000_000L, 120_000_000L, WINDOW_MICROS};
        int batches = 12 + random.nextInt(10);
        for (int b = 0; b < batches; b++) {
            long width = widths[random.nextInt(widths.length)];
            long start = random.nextLong(WINDOW_MICROS - width + 1);
            int size = 1 + random.nextInt(150);
            List<CallRecord> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                long micros = random.nextInt(5) == 0 ? popularMicros[random.nextInt(popularMicros.length)]
                        : start + (width == 0 ? 0 : random.nextLong(width));
                String requestId = !calls.isEmpty() && random.nextInt(10) == 0
                        ? calls.get(random.nextInt(calls.size())).requestId() // reused, maybe by another tenant
                        : "req-" + calls.size();
                String path = "/" + WORDS[random.nextInt(WORDS.length)] + "/x" + calls.size();
                batch.add(call(SLUGS[random.nextInt(SLUGS.length)], requestId, StoredRow.instant(at(micros)),
                        ROUTES[random.nextInt(ROUTES.length)], CREDENTIALS[random.nextInt(CREDENTIALS.length)],
                        STATUSES[random.nextInt(STATUSES.length)], path));
            }
            db.insert(batch);
        }
    }

    private static long at(long offsetMicros) {
        return StoredRow.micros(T0) + offsetMicros;
    }

    private LogFilter randomFilter(Random random) {
        String route = random.nextInt(10) < 4 ? pick(random, "echo", "users", "orders", "nope") : null;
        StatusFilter status = null;
        if (random.nextInt(10) < 3) {
            int s = STATUSES[random.nextInt(STATUSES.length)];
            status = random.nextBoolean() ? new StatusFilter(s / 100, 0) : new StatusFilter(s / 100, s);
        }
        String credential = random.nextInt(4) == 0 ? pick(random, "cred-a", "cred-b", "cred-c") : null;
        Instant from = null;
        Instant to = null;
        if (random.nextInt(10) < 3) {
            from = randomTime(random);
        }
        if (random.nextInt(10) < 3) {
            to = randomTime(random);
            if (from != null && !from.isBefore(to)) {
                Instant earlier = to;
                to = from.equals(to) ? to.plusNanos(1_000) : from;
                from = earlier;
            }
        }
        String q = null;
        if (random.nextInt(4) == 0) {
            q = random.nextBoolean() ? calls.get(random.nextInt(calls.size())).requestId()
                    : pick(random, WORDS[random.nextInt(WORDS.length)], "x1", "/x2", "a/x", "nowhere");
        }
        return new LogFilter(route, status, credential, from, to, q, 1 + random.nextInt(7), null);
    }

    /** A call's time (so exactly on a boundary) or any microsecond of the window. */
    private Instant randomTime(Random random) {
        return random.nextBoolean() ? calls.get(random.nextInt(calls.size())).timestamp()
                : StoredRow.instant(at(random.nextLong(WINDOW_MICROS)));
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }

    /** The oracle: the calls of the tenant (null: of every tenant, known or not) that the filter matches. */
    private List<CallRecord> expected(String slug, LogFilter filter) {
        List<CallRecord> scope = calls.stream().filter(c -> slug == null || slug.equals(c.tenant())).toList();
        boolean qIsRequestId = filter.q() != null && scope.stream().anyMatch(c -> c.requestId().equals(filter.q()));
        return scope.stream().filter(c -> matches(c, filter, qIsRequestId)).toList();
    }

    private static boolean matches(CallRecord c, LogFilter f, boolean qIsRequestId) {
        long micros = StoredRow.micros(c.timestamp());
        return (f.route() == null || f.route().equals(c.route()))
                && (f.credential() == null || f.credential().equals(c.credentialId()))
                && (f.status() == null || c.status() / 100 == f.status().statusClass()
                        && (f.status().exact() == 0 || c.status() == f.status().exact()))
                && (f.from() == null || micros >= StoredRow.micros(f.from()))
                && (f.to() == null || micros < StoredRow.micros(f.to()))
                && (f.q() == null || (qIsRequestId ? f.q().equals(c.requestId()) : c.path().contains(f.q())));
    }

    // --- paging and the comparison ---

    /** Every page of the filter, following {@code nextCursor} from the first page to the last. */
    private static List<LogEntry> pageThrough(LogFilter filter, Function<LogFilter, LogPage> pager) {
        List<LogEntry> all = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            LogPage page = pager.apply(filter.withCursor(cursor));
            pages++;
            assertThat(page.items()).as("page %d of %s", pages, filter).hasSizeLessThanOrEqualTo(filter.limit());
            if (page.nextCursor() != null) {
                assertThat(page.items()).as("a page with a next cursor is full").hasSize(filter.limit());
            }
            if (pages > 1) {
                assertThat(page.items()).as("a next cursor leads to a page with calls").isNotEmpty();
            }
            all.addAll(page.items());
            cursor = page.nextCursor();
            assertThat(pages).as("pages of %s", filter).isLessThan(20_000);
        } while (cursor != null);
        return all;
    }

    /**
     * {@code actual} holds each expected call exactly once (told apart by the serial in {@code bytesIn}, with the
     * fields as written), strictly newest first on (time, id) - so calls of one microsecond come by descending id.
     */
    private static void assertSameCallsNewestFirst(List<LogEntry> actual, List<CallRecord> expected, String what) {
        assertThat(actual).extracting(LogEntry::bytesIn).as(what).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected.stream().map(CallRecord::bytesIn).toList());
        Map<Long, CallRecord> bySerial = new HashMap<>();
        expected.forEach(c -> bySerial.put(c.bytesIn(), c));
        for (LogEntry e : actual) {
            CallRecord c = bySerial.get(e.bytesIn());
            assertThat(List.of(Objects.toString(e.requestId()), e.timestamp(), Objects.toString(e.tenant()),
                    Objects.toString(e.route()), Objects.toString(e.credentialId()), e.status(), e.path()))
                    .as(what).containsExactly(Objects.toString(c.requestId()), c.timestamp(),
                            Objects.toString(c.tenant()), Objects.toString(c.route()),
                            Objects.toString(c.credentialId()), c.status(), c.path());
        }
        Comparator<LogEntry> newestFirst = Comparator.comparing(LogEntry::timestamp)
                .thenComparingLong(LogEntry::id).reversed();
        for (int i = 1; i < actual.size(); i++) {
            assertThat(newestFirst.compare(actual.get(i - 1), actual.get(i)))
                    .as("%s: entry %d (%s, id %d) comes after entry %d (%s, id %d)", what, i,
                            actual.get(i).timestamp(), actual.get(i).id(), i - 1, actual.get(i - 1).timestamp(),
                            actual.get(i - 1).id())
                    .isNegative();
        }
    }
}
