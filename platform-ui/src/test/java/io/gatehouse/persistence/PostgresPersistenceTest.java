package io.gatehouse.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.gatehouse.auth.tenant.TenantService;
import io.gatehouse.auth.tenant.TenantView;
import io.gatehouse.auth.user.ApiTokenService;
import io.gatehouse.auth.user.ApiTokenView;
import io.gatehouse.auth.user.ConsoleRole;
import io.gatehouse.auth.user.IssuedToken;
import io.gatehouse.auth.user.NewUser;
import io.gatehouse.auth.user.TokenHolder;
import io.gatehouse.auth.user.UserManagement;
import io.gatehouse.common.ConflictException;
import io.gatehouse.common.NotFoundException;
import io.gatehouse.gateway.route.ProviderService;
import io.gatehouse.gateway.route.ProviderSpec;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.gateway.route.RetrySpec;
import io.gatehouse.gateway.route.RouteMatch;
import io.gatehouse.gateway.route.RouteService;
import io.gatehouse.gateway.route.RouteSpec;
import io.gatehouse.gateway.route.RouteTableHolder;
import io.gatehouse.gateway.route.RouteView;
import io.gatehouse.gateway.route.TargetSpec;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The whole application on PostgreSQL: Flyway migrates a fresh schema, Hibernate validates every entity against it
 * ({@code ddl-auto=validate}), and the services round-trip tenants, providers and routes. Skipped when PostgreSQL
 * does not answer, unless {@code GATEHOUSE_REQUIRE_EXTERNAL_TESTS=true}.
 */
@EnabledIf(value = "io.gatehouse.persistence.ExternalPostgres#available",
        disabledReason = "PostgreSQL at 127.0.0.1:5432 (or GATEHOUSE_TEST_POSTGRES_URL) does not answer")
class PostgresPersistenceTest extends FreshPostgresSchema {
    @Autowired
    TenantService tenants;

    @Autowired
    ProviderService providers;

    @Autowired
    RouteService routes;

    @Autowired
    RouteTableHolder routeTable;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    UserManagement users;

    @Autowired
    ApiTokenService tokens;

    private static String slug() {
        return "pg-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static ProviderSpec provider(String name, Map<String, String> headers) {
        return new ProviderSpec(name, List.of(new TargetSpec("http://127.0.0.1:9/v1", 2), new TargetSpec("http://127.0.0.1:10", null)),
                1500, 20000, headers);
    }

    @Test
    void theApplicationRunsOnPostgresInItsOwnSchema() {
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(schema);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history WHERE success", Integer.class))
                .isGreaterThanOrEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM console_user WHERE username = 'admin'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void tenantsRoundTrip() {
        String slug = slug();

        TenantView created = tenants.create(slug, "Postgres Corp");
        TenantView renamed = tenants.rename(slug, "Renamed Corp");

        assertThat(created.createdAt()).isNotNull();
        assertThat(tenants.get(slug).name()).isEqualTo("Renamed Corp");
        assertThat(renamed.updatedAt()).isAfterOrEqualTo(created.updatedAt());
        assertThat(tenants.list()).extracting(TenantView::slug).contains(slug);
        assertThatThrownBy(() -> tenants.create(slug, "Again")).isInstanceOf(ConflictException.class);

        tenants.delete(slug);

        assertThatThrownBy(() -> tenants.get(slug)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void providersRoundTripWithEncryptedHeaders() {
        String slug = slug();
        tenants.create(slug, "Providers");

        ProviderView created = providers.create(slug, provider("llm", Map.of("X-Api-Key", "sk-pg-SECRET-1")));
        ProviderView read = providers.get(slug, "llm");

        assertThat(created.headers()).containsExactly("X-Api-Key");
        assertThat(read.targets()).containsExactly(new TargetSpec("http://127.0.0.1:9/v1", 2), new TargetSpec("http://127.0.0.1:10", 1));
        assertThat(read.connectTimeoutMs()).isEqualTo(1500);
        assertThat(read.responseTimeoutMs()).isEqualTo(20000);
        assertThat(jdbc.queryForObject("SELECT headers_json FROM provider WHERE name = 'llm' AND tenant_id = "
                + "(SELECT id FROM tenant WHERE slug = ?)", String.class, slug)).doesNotContain("sk-pg-SECRET-1");

        ProviderView kept = providers.replace(slug, "llm", new ProviderSpec(null,
                List.of(new TargetSpec("http://127.0.0.1:11", 1)), null, null, null));
        assertThat(kept.headers()).containsExactly("X-Api-Key");
        assertThat(kept.targets()).extracting(TargetSpec::url).containsExactly("http://127.0.0.1:11");

        providers.delete(slug, "llm");
        assertThat(providers.list(slug)).isEmpty();
    }

    @Test
    void routesRoundTripWithEveryField() {
        String slug = slug();
        tenants.create(slug, "Routes");
        providers.create(slug, provider("primary", Map.of()));
        providers.create(slug, provider("spare", Map.of()));
        RouteSpec spec = new RouteSpec("chat", "/v1/chat/", List.of("post", "GET"), "primary", List.of("spare"), false,
                true, List.of("jwt"), 12_000, new RetrySpec(2, 50, 500, List.of("reset", "503"), true));

        RouteView created = routes.create(slug, spec);
        RouteView read = routes.get(slug, "chat");

        assertThat(read.pathPrefix()).isEqualTo("/v1/chat");
        assertThat(read.methods()).containsExactly("POST", "GET");
        assertThat(read.provider()).isEqualTo("primary");
        assertThat(read.fallbackProviders()).containsExactly("spare");
        assertThat(read.stripPrefix()).isFalse();
        assertThat(read.publicAccess()).isTrue();
        assertThat(read.auth()).containsExactly("JWT");
        assertThat(read.timeoutMs()).isEqualTo(12_000);
        assertThat(read.retry()).isEqualTo(new RetrySpec(2, 50, 500, List.of("reset", "503"), true));
        assertThat(read.createdAt().toInstant()).isCloseTo(created.createdAt().toInstant(), within(1, ChronoUnit.MILLIS));
        assertThat(routeTable.current().match(slug, "/v1/chat/completions", "POST")).isInstanceOf(RouteMatch.Found.class);
        assertThatThrownBy(() -> providers.delete(slug, "spare")).isInstanceOf(ConflictException.class);

        routes.delete(slug, "chat");

        assertThat(routes.list(slug)).isEmpty();
        assertThat(routeTable.current().match(slug, "/v1/chat/completions", "POST")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void deletingATenantDeletesItsProvidersAndRoutes() {
        String slug = slug();
        tenants.create(slug, "Doomed");
        long tenantId = jdbc.queryForObject("SELECT id FROM tenant WHERE slug = ?", Long.class, slug);
        providers.create(slug, provider("primary", Map.of("X-Api-Key", "k")));
        providers.create(slug, provider("spare", Map.of()));
        routes.create(slug, new RouteSpec("a", "/a", null, "primary", List.of("spare"), null, true, null, null, null));
        routes.create(slug, new RouteSpec("b", "/b", null, "spare", null, null, true, null, null, null));
        assertThat(routeTable.current().match(slug, "/a", "GET")).isInstanceOf(RouteMatch.Found.class);

        tenants.delete(slug);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM provider WHERE tenant_id = ?", Integer.class, tenantId)).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM route WHERE tenant_id = ?", Integer.class, tenantId)).isZero();
        assertThat(routeTable.current().match(slug, "/a", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThatThrownBy(() -> routes.list(slug)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void usersMembershipsAndApiTokensRoundTripAndGoWithTheirUserAndTenant() {
        String slug = slug();
        tenants.create(slug, "Members");
        String name = "pg-user-" + slug.substring(3);
        users.create(new NewUser(name, "a long enough pass phrase", ConsoleRole.TENANT_ADMIN, List.of(slug)));
        assertThat(users.get(name).tenants()).containsExactly(slug);

        IssuedToken token = asUser(name, () -> tokens.create("pg", 7));
        assertThat(tokens.authenticate(token.token())).contains(new TokenHolder(name, ConsoleRole.TENANT_ADMIN));
        assertThat(asUser(name, tokens::mine)).extracting(ApiTokenView::state).containsExactly("ACTIVE");
        asUser(name, () -> tokens.revoke(token.view().id()));
        assertThat(tokens.authenticate(token.token())).isEmpty();

        tenants.delete(slug);
        assertThat(users.get(name).tenants()).isEmpty();
        users.delete(name);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE public_id = ?", Integer.class,
                token.view().id())).isZero();
    }
}
