package io.gatehouse.db;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The migrations on a real PostgreSQL server, each test in a fresh schema that is dropped afterwards. Skipped when
 * the server does not answer, unless {@code GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true}.
 */
@EnabledIf(value = "io.gatehouse.db.ExternalPostgres#available",
        disabledReason = "PostgreSQL at 127.0.0.1:5432 (or GATEHOUSE_TEST_POSTGRES_URL) does not answer")
class PostgresSchemaMigrationTest extends SchemaMigrationContract {
    private static String user;
    private final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void serverUser() {
        user = ExternalPostgres.user();
    }

    @AfterEach
    void dropSchemas() {
        schemas.forEach(ExternalPostgres::dropSchema);
    }

    @Override
    DataSource emptyDatabase() {
        String schema = ExternalPostgres.createSchema();
        schemas.add(schema);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(ExternalPostgres.URL);
        ds.setUser(user);
        ds.setPassword(ExternalPostgres.password());
        ds.setCurrentSchema(schema);
        return ds;
    }

    @Override
    Flyway flyway(DataSource dataSource) {
        String schema = ((PGSimpleDataSource) dataSource).getCurrentSchema();
        return Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("classpath:db/migration").load();
    }
}
