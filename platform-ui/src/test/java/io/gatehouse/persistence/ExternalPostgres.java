package io.gatehouse.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The PostgreSQL server tests run against: {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres} (or
 * {@code root}), overridable with {@code GATEHOUSE_TEST_POSTGRES_URL/_USER/_PASSWORD}. When it does not answer the
 * tests are skipped, unless {@code GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true} (CI), where that is a failure.
 */
final class ExternalPostgres {
    static final String URL = env("GATEHOUSE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String PASSWORD = env("GATEHOUSE_TEST_POSTGRES_PASSWORD", "");
    private static volatile String user;
    private static volatile String problem;

    private ExternalPostgres() {
    }

    /**
     * For {@code @EnabledIf}: true when the server answers. When it does not, false (the tests are skipped with the
     * reason below) - or, under {@code GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true}, an error that fails the test class.
     */
    static boolean available() {
        if (user() != null) {
            return true;
        }
        if ("true".equalsIgnoreCase(System.getenv("GATEHOUSE_REQUIRE_EXTERNAL_TESTS"))) {
            throw new AssertionError(problem + " and GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true");
        }
        System.err.println("SKIPPING PostgreSQL tests: " + problem
                + " (set GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true to fail instead)");
        return false;
    }

    /** The user that can connect, or null. */
    static synchronized String user() {
        if (user != null || problem != null) {
            return user;
        }
        List<String> candidates = System.getenv("GATEHOUSE_TEST_POSTGRES_USER") != null
                ? List.of(System.getenv("GATEHOUSE_TEST_POSTGRES_USER")) : List.of("postgres", "root");
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            try (Connection ignored = connect(candidate)) {
                user = candidate;
                return user;
            } catch (SQLException e) {
                failures.add(candidate + ": " + e.getMessage());
            }
        }
        problem = "PostgreSQL at " + URL + " does not answer (" + String.join("; ", failures) + ")";
        return null;
    }

    static String password() {
        return PASSWORD;
    }

    /** The JDBC URL of {@link #URL} with {@code currentSchema} set. */
    static String urlWithSchema(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    static String createSchema() {
        String schema = "gh_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String schema) {
        if (schema != null) {
            execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static Connection connect(String candidate) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", candidate);
        props.setProperty("password", PASSWORD);
        props.setProperty("connectTimeout", "3");
        props.setProperty("loginTimeout", "5");
        return DriverManager.getConnection(URL, props);
    }

    private static void execute(String sql) {
        try (Connection c = connect(user()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Points the application at a new, empty schema of this server (Flyway migrates it); returns its name. */
    static String useFreshSchema(org.springframework.test.context.DynamicPropertyRegistry registry) {
        String user = user();
        String schema = createSchema();
        registry.add("spring.datasource.url", () -> urlWithSchema(schema));
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", ExternalPostgres::password);
        registry.add("spring.flyway.schemas", () -> schema);
        registry.add("spring.flyway.default-schema", () -> schema);
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "4");
        return schema;
    }
}
