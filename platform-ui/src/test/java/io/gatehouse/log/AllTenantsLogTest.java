package io.gatehouse.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.gateway.log.LogEntry;
import io.gatehouse.gateway.log.LogFilter;
import io.gatehouse.gateway.log.LogPage;
import io.gatehouse.gateway.log.RequestLogService;
import io.gatehouse.gateway.log.RequestLogWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The request log across tenants (the platform admin's Logs page): every tenant's calls newest first with keyset
 * paging, calls to unknown and deleted tenants included, the same filters; the per-tenant view stays scoped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllTenantsLogTest {
    private static final String MARK = "/across-tenants-test/";

    @Autowired
    RequestLogWriter writer;

    @Autowired
    RequestLogService logs;

    @Autowired
    TenantService tenants;

    private final Instant t0 = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS);
    /** Request ids newest first, as the view must list them. */
    private final List<String> newestFirst = List.of("x-7", "x-6", "x-5", "x-4", "x-3", "x-2", "x-1");

    @BeforeAll
    void seed() {
        tenants.create("across-a", "Across A");
        tenants.create("across-b", "Across B");
        tenants.create("across-gone", "Across Gone");
        writer.accept(LogSeeds.call("across-a", t0.plusSeconds(1), "r", 200, "cred-a", MARK + "1", "x-1"));
        writer.accept(LogSeeds.call("across-b", t0.plusSeconds(2), "r", 502, null, MARK + "2", "x-2"));
        writer.accept(LogSeeds.call("across-nope", t0.plusSeconds(3), null, 404, null, MARK + "3", "x-3"));
        // same time: the row id decides
        writer.accept(LogSeeds.call("across-gone", t0.plusSeconds(4), "other", 200, null, MARK + "4", "x-4"));
        LogSeeds.drain(writer);
        writer.accept(LogSeeds.call("across-a", t0.plusSeconds(4), "r", 200, "cred-a", MARK + "5", "x-5"));
        LogSeeds.drain(writer);
        writer.accept(LogSeeds.call("across-nope", t0.plusSeconds(5), null, 404, null, MARK + "6", "x-6"));
        writer.accept(LogSeeds.call("across-b", t0.plusSeconds(6), "r", 200, null, MARK + "7", "x-7"));
        LogSeeds.drain(writer);
        tenants.delete("across-gone");
    }

    private LogFilter filter(String route, String status, String credential, String q, int limit) {
        return LogFilter.parse(route, status, credential, t0.toString(), t0.plusSeconds(60).toString(),
                q == null ? MARK : q, Integer.toString(limit), null);
    }

    private static List<String> ids(LogPage page) {
        return page.items().stream().map(LogEntry::requestId).toList();
    }

    @Test
    void pagesWalkEveryTenantNewestFirstIncludingUnknownAndDeletedOnes() {
        LogFilter filter = filter(null, null, null, null, 3);
        List<LogEntry> seen = new ArrayList<>();
        LogPage page = logs.listAll(filter);
        seen.addAll(page.items());
        while (page.nextCursor() != null) {
            page = logs.listAll(filter.withCursor(page.nextCursor()));
            seen.addAll(page.items());
        }
        assertThat(seen).extracting(LogEntry::requestId).containsExactlyElementsOf(newestFirst);
        assertThat(seen).extracting(LogEntry::tenant).containsExactly("across-b", "across-nope", "across-a",
                "across-gone", "across-nope", "across-b", "across-a");
    }

    @Test
    void theFiltersApplyAcrossTenants() {
        assertThat(ids(logs.listAll(filter(null, "404", null, null, 10)))).containsExactly("x-6", "x-3");
        assertThat(ids(logs.listAll(filter(null, "2xx", null, null, 10)))).containsExactly("x-7", "x-5", "x-4", "x-1");
        assertThat(ids(logs.listAll(filter("r", null, null, null, 10)))).containsExactly("x-7", "x-5", "x-2", "x-1");
        assertThat(ids(logs.listAll(filter(null, null, "cred-a", null, 10)))).containsExactly("x-5", "x-1");
        assertThat(ids(logs.listAll(filter(null, null, null, "x-3", 10)))).containsExactly("x-3");
        assertThat(ids(logs.listAll(filter(null, null, null, MARK + "6", 10)))).containsExactly("x-6");
    }

    @Test
    void aRowIsFoundByIdWhateverItsTenantWhileTheTenantViewStaysScoped() {
        LogEntry unknown = logs.listAll(filter(null, null, null, "x-6", 1)).items().get(0);
        assertThat(logs.findAny(unknown.id())).hasValueSatisfying(e -> {
            assertThat(e.requestId()).isEqualTo("x-6");
            assertThat(e.tenant()).isEqualTo("across-nope");
        });
        assertThat(logs.find("across-a", unknown.id())).isEmpty();
        assertThat(ids(logs.list("across-a", filter(null, null, null, null, 10)))).containsExactly("x-5", "x-1");
        assertThat(ids(logs.list("across-b", filter(null, "5xx", null, null, 10)))).containsExactly("x-2");
    }
}
