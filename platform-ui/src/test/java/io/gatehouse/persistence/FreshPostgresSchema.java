package io.gatehouse.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application in its own context on a fresh PostgreSQL schema, dropped after the class. A subclass also carries
 * {@code @EnabledIf("io.gatehouse.persistence.ExternalPostgres#available")} (JUnit does not inherit it), so it is
 * skipped when PostgreSQL does not answer, unless {@code GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true}.
 */
@SpringBootTest
@ActiveProfiles("test")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class FreshPostgresSchema {
    /** The schema the context runs in. */
    static String schema;
    /**
     * Vaadin installs its security-context strategy into the static {@link SecurityContextHolder} when a context
     * starts; this class's extra context would otherwise leave its own strategy there, and code of the shared test
     * context that reads the static holder (the audit actor) would no longer see its signed-in user.
     */
    private static SecurityContextHolderStrategy strategyBefore;

    @BeforeAll
    static void rememberSecurityContextStrategy() {
        strategyBefore = SecurityContextHolder.getContextHolderStrategy();
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        schema = ExternalPostgres.useFreshSchema(registry);
    }

    /** Runs {@code action} signed in as {@code username} (its role and tenants come from the database). */
    static <T> T asUser(String username, java.util.function.Supplier<T> action) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(username, null, java.util.List.of()));
        try {
            return action.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @AfterAll
    static void dropSchemaAndRestoreStrategy() {
        SecurityContextHolder.setContextHolderStrategy(strategyBefore);
        ExternalPostgres.dropSchema(schema);
    }
}
