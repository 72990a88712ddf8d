package io.gatehouse.auth.audit;

import io.gatehouse.common.PageCursor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The read side of the audit trail on a migrated H2 database: scoping by tenant, filters, paging, export. */
class AuditLogTest {
    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    private JdbcTemplate jdbc;
    private AuditLog audit;

    @BeforeEach
    void freshDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(h2);
        audit = new AuditLog(jdbc, new DataSourceTransactionManager(h2), null); // explicit scopes only
        entry(0, "admin", "tenant.create", "a", "tenant", "a");
        entry(1, "admin", "tenant.create", "b", "tenant", "b");
        entry(2, "alice", "provider.create", "a", "provider", "echo");
        entry(3, "bob", "provider.update", "b", "provider", "echo");
        entry(4, "admin", "user.create", null, "user", "alice");
        entry(5, "alice", "route.create", "a", "route", "echo");
        entry(6, "admin", "user.delete", null, "user", "bob");
        entry(7, "bob", "route_x.create", "b", "route", "odd");
    }

    private void entry(int second, String actor, String action, String tenant, String type, String id) {
        jdbc.update("INSERT INTO audit_event (occurred_at, actor, actor_ip, action, tenant_slug, object_type, object_id,"
                        + " detail) VALUES (?, ?, '127.0.0.1', ?, ?, ?, ?, ?)", PageCursor.column(T0.plusSeconds(second)),
                actor, action, tenant, type, id, "=detail of " + action);
    }

    private List<String> actions(AuditFilter filter, Set<String> visible) {
        return audit.search(filter, visible).items().stream().map(AuditRecord::action).toList();
    }

    private static AuditFilter filter(String tenant, String actor, String action, String type) {
        return AuditFilter.parse(tenant, actor, action, type, null, null, null, null);
    }

    @Test
    void aTenantScopeNeverShowsAnotherTenantsOrTenantLessEntries() {
        assertThat(audit.search(AuditFilter.newest(), Set.of("a")).items())
                .extracting(AuditRecord::tenant).containsOnly("a").hasSize(3);
        assertThat(actions(filter(null, "admin", null, null), Set.of("a"))).containsExactly("tenant.create");
        assertThat(actions(filter(null, null, "user.", null), Set.of("a"))).isEmpty();
        assertThat(actions(filter(null, null, null, "user"), Set.of("a", "b"))).isEmpty();
        assertThat(actions(AuditFilter.newest(), Set.of())).isEmpty();
        assertThat(actions(AuditFilter.newest(), Set.of("no-such-tenant"))).isEmpty();
    }

    @Test
    void noScopeShowsEveryEntryTenantLessOnesIncludedNewestFirst() {
        assertThat(actions(AuditFilter.newest(), null)).containsExactly("route_x.create", "user.delete",
                "route.create", "user.create", "provider.update", "provider.create", "tenant.create", "tenant.create");
    }

    @Test
    void namingATenantOutsideTheScopeIsNotFoundLikeAnUnknownOne() {
        assertThatThrownBy(() -> audit.search(filter("b", null, null, null), Set.of("a")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("'b'");
        assertThatThrownBy(() -> audit.export(filter("b", null, null, null), Set.of("a")))
                .isInstanceOf(NotFoundException.class);
        assertThat(actions(filter("a", null, "route.", null), Set.of("a"))).containsExactly("route.create");
    }

    @Test
    void pagingInsideAScopeVisitsEachOfItsEntriesOnce() {
        List<Long> seen = new ArrayList<>();
        AuditFilter page = AuditFilter.parse(null, null, null, null, null, null, "1", null);
        do {
            AuditPage result = audit.search(page, Set.of("b"));
            result.items().forEach(r -> seen.add(r.id()));
            assertThat(result.items()).extracting(AuditRecord::tenant).containsOnly("b");
            page = result.nextCursor() == null ? null : page.withCursor(result.nextCursor());
        } while (page != null);

        assertThat(seen).hasSize(3).doesNotHaveDuplicates().isSortedAccordingTo((x, y) -> Long.compare(y, x));
    }

    @Test
    void anActionEndingInADotIsAPrefixAndOtherwiseExact() {
        assertThat(actions(filter(null, null, "provider.", null), null))
                .containsExactly("provider.update", "provider.create");
        assertThat(actions(filter(null, null, "provider.create", null), null)).containsExactly("provider.create");
        assertThat(actions(filter(null, null, "provider", null), null)).isEmpty();
        assertThat(actions(filter(null, null, "route.", null), null)).containsExactly("route.create");
        assertThat(actions(filter(null, null, "route_", null), null)).isEmpty();
    }

    @Test
    void theTimeRangeIsFromInclusiveToExclusive() {
        AuditFilter range = AuditFilter.parse(null, null, null, null, T0.plusSeconds(2).toString(),
                T0.plusSeconds(4).toString(), null, null);

        assertThat(actions(range, null)).containsExactly("provider.update", "provider.create");
    }

    @Test
    void theExportHasAHeaderAndTheScopedGuardedRows() throws IOException {
        StringWriter out = new StringWriter();

        long rows = audit.export(filter(null, null, "provider.", null), Set.of("a")).writeTo(out);

        String[] lines = out.toString().split("\r\n");
        assertThat(rows).isEqualTo(1);
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).isEqualTo("id,occurredAt,actor,actorIp,action,tenant,objectType,objectId,detail");
        assertThat(lines[1]).endsWith(",2026-11-26T07:00:02Z,alice,127.0.0.1,provider.create,a,provider,echo,"
                + "'=detail of provider.create");
        StringWriter none = new StringWriter();
        assertThat(audit.export(AuditFilter.newest(), Set.of()).writeTo(none)).isZero();
        assertThat(none.toString()).isEqualTo(AuditCsv.HEADER + "\r\n");
    }

    @Test
    void everyBadParameterIsReportedAsAFieldProblem() {
        assertThatThrownBy(() -> AuditFilter.parse(null, null, null, null, "yesterday", "2026-13-01T00:00:00Z", "1001",
                "not-a-cursor"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactlyInAnyOrder("from", "to", "limit", "cursor"));
        assertThatThrownBy(() -> AuditFilter.parse(null, null, null, null, "2026-11-26T10:00:00Z",
                "2026-11-26T10:00:00Z", "0", null))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactlyInAnyOrder("to", "limit"));
        assertThat(AuditFilter.parse(" ", "", null, "", null, null, "", " ")).isEqualTo(AuditFilter.newest());
    }
}
