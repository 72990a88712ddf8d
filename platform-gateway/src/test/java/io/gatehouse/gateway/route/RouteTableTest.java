package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final CompiledProvider PROVIDER = new CompiledProvider("echo",
            List.of(UpstreamTarget.of(new TargetSpec("http://127.0.0.1:9000", 1))), 2000, 30000, Map.of());

    static CompiledRoute route(String tenant, String name, String prefix, String... methods) {
        return new CompiledRoute(tenant, name, prefix, new LinkedHashSet<>(List.of(methods)), true, true,
                Set.of(), 30000, RetrySpec.DEFAULT, PROVIDER, List.of());
    }

    private static RouteMatch.Found found(RouteMatch match) {
        assertThat(match).isInstanceOf(RouteMatch.Found.class);
        return (RouteMatch.Found) match;
    }

    @Test
    void longestPrefixWins() {
        RouteTable table = new RouteTable(List.of(
                route("acme", "short", "/api"),
                route("acme", "long", "/api/v2"),
                route("acme", "root", "/")));

        RouteMatch.Found match = found(table.match("acme", "/api/v2/users", "GET"));

        assertThat(match.route().name()).isEqualTo("long");
        assertThat(match.rest()).isEqualTo("/users");
        assertThat(found(table.match("acme", "/api/v1/users", "GET")).route().name()).isEqualTo("short");
        assertThat(found(table.match("acme", "/other", "GET")).route().name()).isEqualTo("root");
    }

    @Test
    void longestPrefixWinsRegardlessOfInsertionOrder() {
        RouteTable table = new RouteTable(List.of(route("acme", "long", "/a/b/c"), route("acme", "short", "/a")));
        RouteTable reversed = new RouteTable(List.of(route("acme", "short", "/a"), route("acme", "long", "/a/b/c")));

        assertThat(found(table.match("acme", "/a/b/c/d", "GET")).route().name()).isEqualTo("long");
        assertThat(found(reversed.match("acme", "/a/b/c/d", "GET")).route().name()).isEqualTo("long");
    }

    @Test
    void prefixMatchesWholeSegmentsOnlySoEchoDoesNotMatchEchoes() {
        RouteTable table = new RouteTable(List.of(route("acme", "echo", "/echo")));

        assertThat(table.match("acme", "/echoes", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(table.match("acme", "/echo-x", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(found(table.match("acme", "/echo", "GET")).rest()).isEmpty();
        assertThat(found(table.match("acme", "/echo/", "GET")).rest()).isEqualTo("/");
        assertThat(found(table.match("acme", "/echo/x/y", "GET")).rest()).isEqualTo("/x/y");
    }

    @Test
    void rootPrefixMatchesEveryPathAndForwardsItWhole() {
        RouteTable table = new RouteTable(List.of(route("acme", "all", "/")));

        assertThat(found(table.match("acme", "/anything/at/all", "GET")).rest()).isEqualTo("/anything/at/all");
        assertThat(found(table.match("acme", "/", "DELETE")).rest()).isEqualTo("/");
    }

    @Test
    void emptyPathIsTreatedAsRoot() {
        RouteTable table = new RouteTable(List.of(route("acme", "all", "/"), route("acme", "echo", "/echo")));

        RouteMatch.Found match = found(table.match("acme", "", "GET"));

        assertThat(match.route().name()).isEqualTo("all");
        assertThat(match.rest()).isEqualTo("/");
    }

    @Test
    void emptyPathFindsNothingWhenNoRootRouteExists() {
        RouteTable table = new RouteTable(List.of(route("acme", "echo", "/echo")));

        assertThat(table.match("acme", "", "GET")).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void methodNotInTheRouteGivesMethodNotAllowedWithTheAllowedSet() {
        RouteTable table = new RouteTable(List.of(route("acme", "echo", "/echo", "GET", "POST")));

        RouteMatch match = table.match("acme", "/echo/x", "DELETE");

        assertThat(match).isInstanceOf(RouteMatch.MethodNotAllowed.class);
        RouteMatch.MethodNotAllowed notAllowed = (RouteMatch.MethodNotAllowed) match;
        assertThat(notAllowed.route().name()).isEqualTo("echo");
        assertThat(notAllowed.allowed()).containsExactlyInAnyOrder("GET", "POST");
    }

    @Test
    void emptyMethodListAllowsEveryMethod() {
        RouteTable table = new RouteTable(List.of(route("acme", "echo", "/echo")));

        for (String method : List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")) {
            assertThat(table.match("acme", "/echo", method)).isInstanceOf(RouteMatch.Found.class);
        }
    }

    @Test
    void shorterPrefixThatAllowsTheMethodWinsOverMethodNotAllowed() {
        RouteTable table = new RouteTable(List.of(
                route("acme", "read-only", "/api/items", "GET"),
                route("acme", "api", "/api", "POST")));

        RouteMatch.Found match = found(table.match("acme", "/api/items/1", "POST"));

        assertThat(match.route().name()).isEqualTo("api");
        assertThat(match.rest()).isEqualTo("/items/1");
        assertThat(found(table.match("acme", "/api/items/1", "GET")).route().name()).isEqualTo("read-only");
    }

    @Test
    void methodNotAllowedListsMethodsOfEveryRouteCoveringThePath() {
        RouteTable table = new RouteTable(List.of(
                route("acme", "read-only", "/api/items", "GET"),
                route("acme", "api", "/api", "POST")));

        RouteMatch match = table.match("acme", "/api/items/1", "DELETE");

        assertThat(match).isInstanceOf(RouteMatch.MethodNotAllowed.class);
        assertThat(((RouteMatch.MethodNotAllowed) match).route().name()).isEqualTo("read-only");
        assertThat(((RouteMatch.MethodNotAllowed) match).allowed()).containsExactlyInAnyOrder("GET", "POST");
    }

    @Test
    void aTenantsRoutesNeverMatchForAnotherTenant() {
        RouteTable table = new RouteTable(List.of(route("tenant-a", "all", "/"), route("tenant-a", "echo", "/echo")));

        assertThat(table.match("tenant-b", "/echo", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(table.match("tenant-b", "/", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(found(table.match("tenant-a", "/echo", "GET")).route().tenant()).isEqualTo("tenant-a");
    }

    @Test
    void sameNamedRoutesOfTwoTenantsStaySeparate() {
        RouteTable table = new RouteTable(List.of(route("tenant-a", "echo", "/a-only"), route("tenant-b", "echo", "/b-only")));

        assertThat(table.match("tenant-a", "/b-only", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(table.match("tenant-b", "/a-only", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(found(table.match("tenant-b", "/b-only", "GET")).route().tenant()).isEqualTo("tenant-b");
    }

    @Test
    void emptyTableMatchesNothingAndCountsItsRoutes() {
        assertThat(RouteTable.EMPTY.match("acme", "/echo", "GET")).isInstanceOf(RouteMatch.NotFound.class);
        assertThat(RouteTable.EMPTY.size()).isZero();
        assertThat(new RouteTable(List.of(route("a", "x", "/x"), route("b", "y", "/y"))).size()).isEqualTo(2);
    }

    @Test
    void listsEveryTenantsRoutesForBackgroundWork() {
        RouteTable table = new RouteTable(List.of(route("acme", "a", "/a"), route("zeta", "b", "/b")));

        assertThat(table.routes()).extracting(CompiledRoute::name).containsExactlyInAnyOrder("a", "b");
        assertThat(RouteTable.EMPTY.routes()).isEmpty();
    }
}
