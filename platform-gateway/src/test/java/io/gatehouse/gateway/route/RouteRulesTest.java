package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.FieldProblem;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RouteRulesTest {

    private static RouteSpec spec(String prefix, List<String> methods, Boolean publicAccess, List<String> auth,
                                  RetrySpec retry) {
        return new RouteSpec("echo", prefix, methods, "echo", null, null, publicAccess, auth, null, retry);
    }

    private static RouteSpec withPrefix(String prefix) {
        return spec(prefix, null, null, null, null);
    }

    private static List<FieldProblem> problems(RouteSpec spec) {
        return RouteRules.check(RouteRules.normalise(spec));
    }

    private static List<String> fields(RouteSpec spec) {
        return problems(spec).stream().map(FieldProblem::field).toList();
    }

    @Test
    void contractDefaultsAreValid() {
        assertThat(problems(withPrefix("/echo"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/echo", "/v1/chat", "/a-b_c.d~e", "/%20x", "/a:b@c", "/echo/"})
    void goodPrefixesAreAccepted(String prefix) {
        assertThat(problems(withPrefix(prefix))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "/a//b", "/a/../b", "/a/./b", "/..", "/a/..", "/a b", "/a?b", "/a#b", "/%zz",
            "/ä", "/a/%2e%2e/b", "/a/%2E", "/%2e%2E"})
    void badPrefixesAreRefusedOnThePathPrefixField(String prefix) {
        assertThat(fields(withPrefix(prefix))).containsExactly("pathPrefix");
    }

    @ParameterizedTest
    @ValueSource(strings = {"//", "/echo//", "/a/b///"})
    void aPrefixEndingInAnEmptySegmentIsRefusedRatherThanHalfTrimmed(String prefix) {
        assertThat(fields(withPrefix(prefix))).containsExactly("pathPrefix");
    }

    @Test
    void missingPrefixIsRefused() {
        assertThat(fields(withPrefix(null))).containsExactly("pathPrefix");
        assertThat(fields(withPrefix(""))).containsExactly("pathPrefix");
        assertThat(fields(withPrefix("   "))).containsExactly("pathPrefix");
    }

    @Test
    void overlongPrefixIsRefused() {
        assertThat(fields(withPrefix("/" + "a".repeat(500)))).containsExactly("pathPrefix");
    }

    @Test
    void normaliseTrimsATrailingSlashButKeepsTheRootPrefix() {
        assertThat(RouteRules.normalise(withPrefix("/echo/")).pathPrefix()).isEqualTo("/echo");
        assertThat(RouteRules.normalise(withPrefix(" /echo ")).pathPrefix()).isEqualTo("/echo");
        assertThat(RouteRules.normalise(withPrefix("/")).pathPrefix()).isEqualTo("/");
    }

    @Test
    void lowerCaseMethodsAreAcceptedAndUpperCased() {
        RouteSpec normal = RouteRules.normalise(spec("/echo", List.of("get", "Post", "GET"), null, null, null));

        assertThat(normal.methods()).containsExactly("GET", "POST");
        assertThat(RouteRules.check(normal)).isEmpty();
    }

    @Test
    void unknownMethodIsRefusedByIndex() {
        assertThat(fields(spec("/echo", List.of("GET", "FETCH"), null, null, null))).containsExactly("methods[1]");
        assertThat(fields(spec("/echo", List.of("TRACE"), null, null, null))).containsExactly("methods[0]");
    }

    @Test
    void lowerCaseAuthSchemesAreUpperCased() {
        RouteSpec normal = RouteRules.normalise(spec("/echo", null, null, List.of("basic", "jwt"), null));

        assertThat(normal.auth()).containsExactly("BASIC", "JWT");
        assertThat(RouteRules.check(normal)).isEmpty();
    }

    @Test
    void unknownAuthSchemeIsRefused() {
        assertThat(fields(spec("/echo", null, null, List.of("BASIC", "OAUTH"), null))).containsExactly("auth[1]");
    }

    @Test
    void nonPublicRouteWithoutAuthSchemesIsRefused() {
        assertThat(fields(spec("/echo", null, false, List.of(), null))).containsExactly("auth");
    }

    @Test
    void publicRouteMayHaveNoAuthSchemes() {
        assertThat(problems(spec("/echo", null, true, List.of(), null))).isEmpty();
    }

    @Test
    void missingNameAndProviderAreReported() {
        RouteSpec spec = new RouteSpec(null, "/echo", null, " ", null, null, null, null, null, null);

        assertThat(fields(spec)).containsExactlyInAnyOrder("name", "provider");
    }

    @Test
    void routeTimeoutIsBounded() {
        RouteSpec zero = new RouteSpec("echo", "/echo", null, "echo", null, null, null, null, 0, null);
        RouteSpec tooLong = new RouteSpec("echo", "/echo", null, "echo", null, null, null, null, 600_001, null);
        RouteSpec max = new RouteSpec("echo", "/echo", null, "echo", null, null, null, null, 600_000, null);

        assertThat(fields(zero)).containsExactly("timeoutMs");
        assertThat(fields(tooLong)).containsExactly("timeoutMs");
        assertThat(problems(max)).isEmpty();
    }

    @Test
    void retryAttemptsMustBeBetweenOneAndTen() {
        assertThat(fields(retry(new RetrySpec(0, null, null, null, null)))).containsExactly("retry.maxAttempts");
        assertThat(fields(retry(new RetrySpec(11, null, null, null, null)))).containsExactly("retry.maxAttempts");
        assertThat(problems(retry(new RetrySpec(1, null, null, null, null)))).isEmpty();
        assertThat(problems(retry(new RetrySpec(10, null, null, null, null)))).isEmpty();
    }

    @Test
    void retryBackoffsAreBoundedAndOrdered() {
        assertThat(fields(retry(new RetrySpec(null, -1, null, null, null)))).contains("retry.initialBackoffMs");
        assertThat(fields(retry(new RetrySpec(null, 60_001, 60_001, null, null))))
                .contains("retry.initialBackoffMs", "retry.maxBackoffMs");
        assertThat(fields(retry(new RetrySpec(null, 500, 100, null, null)))).containsExactly("retry.maxBackoffMs");
        assertThat(problems(retry(new RetrySpec(null, 0, 0, null, null)))).isEmpty();
        assertThat(problems(retry(new RetrySpec(null, 100, 60_000, null, null)))).isEmpty();
    }

    @Test
    void retryOnAcceptsNamedConditionsAndStatusCodes() {
        RetrySpec retry = new RetrySpec(null, null, null, List.of("connect-failure", "reset", "timeout", "429", "503"), null);

        assertThat(problems(retry(retry))).isEmpty();
    }

    @Test
    void retryOnRefusesUnknownConditionsByIndex() {
        RetrySpec retry = new RetrySpec(null, null, null, List.of("503", "5xx", "600", "always", "50"), null);

        assertThat(fields(retry(retry))).containsExactly("retry.retryOn[1]", "retry.retryOn[2]", "retry.retryOn[3]",
                "retry.retryOn[4]");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        RouteSpec bad = new RouteSpec("-bad", "nope", List.of("FETCH"), null, null, null, false, List.of(), 0,
                new RetrySpec(0, null, null, null, null));

        assertThat(fields(bad)).containsExactlyInAnyOrder("name", "pathPrefix", "methods[0]", "provider", "auth",
                "timeoutMs", "retry.maxAttempts");
    }

    private static RouteSpec retry(RetrySpec retry) {
        return spec("/echo", null, null, null, retry);
    }
}
