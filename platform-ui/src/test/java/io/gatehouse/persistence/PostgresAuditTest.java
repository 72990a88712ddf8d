package io.gatehouse.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.audit.AuditFilter;
import io.gatehouse.auth.audit.AuditLog;
import io.gatehouse.auth.audit.AuditPage;
import io.gatehouse.auth.audit.AuditRecord;
import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.UserManagement;
import java.io.StringWriter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail's read side on PostgreSQL: scoped searches (a tenant set, the IN list and prefix LIKE), keyset
 * paging over equal timestamps and the CSV export through a server-side cursor. Skipped when PostgreSQL does not
 * answer, unless GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true.
 */
@EnabledIf(value = "io.gatehouse.persistence.ExternalPostgres#available",
        disabledReason = "PostgreSQL at 127.0.0.1:5432 (or GATEHOUSE_TEST_POSTGRES_URL) does not answer")
class PostgresAuditTest extends FreshPostgresSchema {
    @Autowired
    TenantService tenants;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserManagement users;

    @Test
    void scopedSearchesPagingAndTheExportRunOnPostgres() throws Exception {
        String a = "pg-a-" + UUID.randomUUID().toString().substring(0, 8);
        String b = "pg-b-" + UUID.randomUUID().toString().substring(0, 8);
        tenants.create(a, "A");
        tenants.create(b, "B");
        String readerA = "reader-" + a;
        String readerB = "reader-" + b;
        String readerAb = "reader-ab-" + a;
        users.create(new NewUser(readerA, null, ConsoleRole.TENANT_VIEWER, List.of(a)));
        users.create(new NewUser(readerB, null, ConsoleRole.TENANT_VIEWER, List.of(b)));
        users.create(new NewUser(readerAb, null, ConsoleRole.TENANT_VIEWER, List.of(a, b)));
        OffsetDateTime same = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1);
        for (int i = 0; i < 25; i++) { // equal timestamps: the id orders them
            jdbc.update("INSERT INTO audit_event (occurred_at, actor, action, tenant_slug, object_type, object_id) "
                    + "VALUES (?, 'bob', 'route.update', ?, 'route', ?)", same, i % 2 == 0 ? a : b, "r" + i);
        }
        jdbc.update("INSERT INTO audit_event (occurred_at, actor, action, object_type, object_id) "
                + "VALUES (?, 'admin', 'user.create', 'user', 'carol')", same);

        assertThat(audit.search(AuditFilter.parse(a, null, "tenant.", null, null, null, null, null)).items())
                .extracting(AuditRecord::actor).containsExactly("system");
        List<AuditRecord> scoped = new ArrayList<>();
        AuditFilter filter = AuditFilter.parse(null, null, "route.", "route", null, null, "4", null);
        AuditPage page;
        do {
            AuditFilter current = filter;
            page = asUser(readerA, () -> audit.search(current));
            scoped.addAll(page.items());
            filter = filter.withCursor(page.nextCursor());
        } while (page.nextCursor() != null);
        assertThat(scoped).hasSize(13).extracting(AuditRecord::tenant).containsOnly(a);
        assertThat(scoped).extracting(AuditRecord::id).doesNotHaveDuplicates()
                .isSortedAccordingTo((x, y) -> Long.compare(y, x));
        assertThat(asUser(readerAb, () -> audit.search(AuditFilter.parse(null, "admin", null, "user", null, null, null,
                null))).items()).isEmpty(); // carol's entry has no tenant: platform admins only
        assertThat(audit.search(AuditFilter.parse(null, "admin", "user.create", null,
                same.toInstant().toString(), Instant.now().toString(), null, null)).items())
                .extracting(AuditRecord::objectId).containsExactly("carol");

        StringWriter csv = new StringWriter();
        long rows = asUser(readerB, () -> audit.export(AuditFilter.parse(null, "bob", null, null, null, null, null,
                null))).writeTo(csv);
        assertThat(rows).isEqualTo(12);
        assertThat(csv.toString().split("\r\n")).hasSize(13).allMatch(line -> !line.contains(a));
    }
}
