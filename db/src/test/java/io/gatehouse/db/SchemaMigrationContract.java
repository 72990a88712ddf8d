package io.gatehouse.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** What every supported database must do with the migrations; subclasses supply a fresh, empty database per test. */
abstract class SchemaMigrationContract {
    static final List<String> TABLES = List.of("tenant", "console_user", "console_user_tenant", "provider", "route",
            "request_log", "request_log_block");

    /** A data source for an empty database (or schema) private to the current test. */
    abstract DataSource emptyDatabase();

    /** Flyway configured for that database. */
    abstract Flyway flyway(DataSource dataSource);

    @Test
    void migratesAnEmptyDatabaseToTheLatestVersion() throws SQLException {
        DataSource db = emptyDatabase();
        Flyway flyway = flyway(db);

        MigrateResult result = flyway.migrate();

        assertThat(result.success).isTrue();
        assertThat(result.migrationsExecuted).isGreaterThanOrEqualTo(1);
        MigrationInfo[] applied = flyway.info().applied();
        assertThat(applied).isNotEmpty().allSatisfy(m -> assertThat(m.getState()).isEqualTo(MigrationState.SUCCESS));
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(tableNames(db)).containsAll(TABLES);
    }

    @Test
    void migratingAnUpToDateDatabaseDoesNothingAndValidates() {
        Flyway flyway = flyway(emptyDatabase());
        flyway.migrate();

        MigrateResult again = flyway.migrate();

        assertThat(again.migrationsExecuted).isZero();
        flyway.validate();
    }

    @Test
    void deletingATenantDeletesItsProvidersRoutesAndMemberships() throws SQLException {
        DataSource db = migrated();
        try (Connection c = db.getConnection()) {
            long acme = tenant(c, "acme");
            long other = tenant(c, "other");
            long provider = provider(c, acme, "echo");
            provider(c, acme, "spare");
            route(c, acme, "echo", provider);
            route(c, acme, "echo-2", provider);
            long otherProvider = provider(c, other, "echo");
            route(c, other, "echo", otherProvider);
            long user = user(c, "bob");
            update(c, "INSERT INTO console_user_tenant (user_id, tenant_id) VALUES (" + user + ", " + acme + ")");

            update(c, "DELETE FROM tenant WHERE id = " + acme);

            assertThat(count(c, "provider WHERE tenant_id = " + acme)).isZero();
            assertThat(count(c, "route WHERE tenant_id = " + acme)).isZero();
            assertThat(count(c, "console_user_tenant")).isZero();
            assertThat(count(c, "console_user")).isEqualTo(1);
            assertThat(count(c, "provider WHERE tenant_id = " + other)).isEqualTo(1);
            assertThat(count(c, "route WHERE tenant_id = " + other)).isEqualTo(1);
        }
    }

    @Test
    void aRouteMustReferenceAnExistingProviderAndTenant() throws SQLException {
        DataSource db = migrated();
        try (Connection c = db.getConnection()) {
            long acme = tenant(c, "acme");
            long provider = provider(c, acme, "echo");

            assertThatThrownBy(() -> route(c, acme, "dangling", provider + 1000)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> route(c, acme + 1000, "orphan", provider)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> provider(c, acme + 1000, "orphan")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void tenantSlugsAreUnique() throws SQLException {
        DataSource db = migrated();
        try (Connection c = db.getConnection()) {
            tenant(c, "acme");

            assertThatThrownBy(() -> tenant(c, "acme")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void providerAndRouteNamesAreUniquePerTenantOnly() throws SQLException {
        DataSource db = migrated();
        try (Connection c = db.getConnection()) {
            long acme = tenant(c, "acme");
            long other = tenant(c, "other");
            long p = provider(c, acme, "echo");
            long q = provider(c, other, "echo");
            route(c, acme, "r", p);
            route(c, other, "r", q);

            assertThatThrownBy(() -> provider(c, acme, "echo")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> route(c, acme, "r", p)).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void consoleUserRolesAreLimitedToTheKnownOnes() throws SQLException {
        DataSource db = migrated();
        try (Connection c = db.getConnection()) {
            long id = user(c, "alice");

            assertThatThrownBy(() -> update(c, "INSERT INTO console_user (username, password_hash, role, created_at, updated_at)"
                    + " VALUES ('eve', 'x', 'ROOT', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")).isInstanceOf(SQLException.class);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT enabled, version FROM console_user WHERE id = " + id)) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getLong(2)).isZero();
            }
        }
    }

    @Test
    void providerColumnsHoldTheLargestValuesTheApiAccepts() throws SQLException {
        DataSource db = migrated();
        try (Connection c = db.getConnection()) {
            long acme = tenant(c, "acme");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO provider (tenant_id, name, targets_json,"
                    + " connect_timeout_ms, response_timeout_ms, headers_json, created_at, updated_at)"
                    + " VALUES (?, ?, ?, 600000, 600000, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                ps.setLong(1, acme);
                ps.setString(2, "p".repeat(63));
                ps.setString(3, "x".repeat(8000));
                ps.setString(4, "y".repeat(16000));
                assertThat(ps.executeUpdate()).isEqualTo(1);
            }
        }
    }

    @Test
    void requestLogRowsWrittenBeforeTheFilterKeysGetTheirKeys() throws SQLException {
        DataSource db = emptyDatabase();
        Flyway flyway = flyway(db);
        Flyway.configure().configuration(flyway.getConfiguration()).target("5").load().migrate();
        try (Connection c = db.getConnection()) {
            logRow(c, "chat", "cred_1");
            logRow(c, "chat", null);
            logRow(c, null, "cred_2");
        }

        flyway.migrate();

        try (Connection c = db.getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT route, route_key, credential_id, credential_key FROM request_log"
                     + " ORDER BY id")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1) + "=" + rs.getObject(2) + " " + rs.getString(3) + "=" + rs.getObject(4));
            }
            assertThat(rows).containsExactly(
                    "chat=" + "chat".hashCode() + " cred_1=" + "cred_1".hashCode(),
                    "chat=" + "chat".hashCode() + " null=null",
                    "null=null cred_2=" + "cred_2".hashCode());
            assertThat(tableNames(db)).doesNotContain("request_log_key_backfill");
        }
    }

    private static void logRow(Connection c, String route, String credentialId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO request_log (request_id, occurred_at, tenant_slug,"
                + " route, credential_id, method, path, status, status_class, latency_ms, upstream_latency_ms,"
                + " bytes_in, bytes_out, attempt_count, attempts_json) VALUES ('r', CURRENT_TIMESTAMP, 'acme', ?, ?,"
                + " 'GET', '/', 200, 2, 1, 1, 0, 0, 1, '[]')")) {
            ps.setString(1, route);
            ps.setString(2, credentialId);
            ps.executeUpdate();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private DataSource migrated() {
        DataSource db = emptyDatabase();
        flyway(db).migrate();
        return db;
    }

    private static List<String> tableNames(DataSource db) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.getConnection();
             ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static long insert(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                return keys.getLong(1);
            }
        }
    }

    static long tenant(Connection c, String slug) throws SQLException {
        return insert(c, "INSERT INTO tenant (slug, name, created_at, updated_at) VALUES (?, ?, CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)", slug, slug.toUpperCase(Locale.ROOT));
    }

    static long provider(Connection c, long tenantId, String name) throws SQLException {
        return insert(c, "INSERT INTO provider (tenant_id, name, targets_json, connect_timeout_ms, response_timeout_ms,"
                + " headers_json, created_at, updated_at) VALUES (?, ?, '[]', 2000, 30000, '{}', CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)", tenantId, name);
    }

    static long route(Connection c, long tenantId, String name, long providerId) throws SQLException {
        return insert(c, "INSERT INTO route (tenant_id, name, path_prefix, methods, provider_id, fallback_providers,"
                + " strip_prefix, public_access, auth_schemes, timeout_ms, retry_max_attempts, retry_initial_backoff_ms,"
                + " retry_max_backoff_ms, retry_on, retry_non_idempotent, created_at, updated_at) VALUES (?, ?, '/"
                + name + "', '', ?, '', TRUE, FALSE, 'BASIC', 30000, 3, 100, 2000, '502', FALSE, CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP)", tenantId, name, providerId);
    }

    static long user(Connection c, String username) throws SQLException {
        return insert(c, "INSERT INTO console_user (username, password_hash, role, created_at, updated_at) VALUES (?, 'x',"
                + " 'PLATFORM_ADMIN', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", username);
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private static long count(Connection c, String fromWhere) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + fromWhere)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
