package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.common.FieldProblem;
import io.gatehouse.gateway.upstream.Cidr;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderRulesTest {
    private static final UpstreamAddressPolicy STRICT = new UpstreamAddressPolicy(List.of());
    private static final UpstreamAddressPolicy LOOPBACK_ALLOWED = new UpstreamAddressPolicy(List.of(Cidr.parse("127.0.0.0/8")));
    private static final String PUBLIC_URL = "http://93.184.216.34:8080";

    private static ProviderSpec withTargets(TargetSpec... targets) {
        return new ProviderSpec("echo", new ArrayList<>(Arrays.asList(targets)), null, null, null);
    }

    private static ProviderSpec withUrl(String url) {
        return withTargets(new TargetSpec(url, 1));
    }

    private static ProviderSpec withHeaders(Map<String, String> headers) {
        return new ProviderSpec("echo", List.of(new TargetSpec(PUBLIC_URL, 1)), null, null, headers);
    }

    private static List<FieldProblem> problems(ProviderSpec spec, UpstreamAddressPolicy policy) {
        return ProviderRules.check(spec, policy);
    }

    private static List<String> fields(ProviderSpec spec) {
        return problems(spec, STRICT).stream().map(FieldProblem::field).toList();
    }

    @Test
    void aPublicTargetWithDefaultsIsValid() {
        assertThat(problems(withUrl(PUBLIC_URL), STRICT)).isEmpty();
        assertThat(problems(withUrl("https://[2606:4700::1]/v1"), STRICT)).isEmpty();
    }

    @Test
    void aProviderNeedsAtLeastOneTarget() {
        assertThat(fields(withTargets())).containsExactly("targets");
        assertThat(fields(new ProviderSpec("echo", null, null, null, null))).containsExactly("targets");
    }

    @Test
    void tooManyTargetsAreRefused() {
        TargetSpec[] many = new TargetSpec[ProviderRules.MAX_TARGETS + 1];
        Arrays.fill(many, new TargetSpec(PUBLIC_URL, 1));

        assertThat(fields(withTargets(many))).containsExactly("targets");
    }

    @Test
    void aNullTargetIsReportedByIndex() {
        assertThat(fields(withTargets(new TargetSpec(PUBLIC_URL, 1), null))).containsExactly("targets[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://93.184.216.34/files", "file:///etc/passwd", "93.184.216.34:80", "gopher://93.184.216.34"})
    void onlyHttpAndHttpsUrlsAreAccepted(String url) {
        assertThat(fields(withUrl(url))).containsExactly("targets[0].url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://user:pass@93.184.216.34", "http://93.184.216.34/v1?key=abc",
            "http://93.184.216.34/#frag", "http:///nohost", "http://bad host/", ""})
    void urlsWithUserinfoQueryFragmentOrNoHostAreRefused(String url) {
        assertThat(fields(withUrl(url))).containsExactly("targets[0].url");
    }

    @Test
    void aMissingUrlIsRefused() {
        assertThat(fields(withUrl(null))).containsExactly("targets[0].url");
    }

    @Test
    void userinfoRefusalPointsToProviderHeaders() {
        assertThat(problems(withUrl("http://user:pass@93.184.216.34"), STRICT).get(0).message()).contains("headers");
    }

    @Test
    void weightMustBeBetweenOneAndAThousand() {
        assertThat(fields(withTargets(new TargetSpec(PUBLIC_URL, 0)))).containsExactly("targets[0].weight");
        assertThat(fields(withTargets(new TargetSpec(PUBLIC_URL, -3)))).containsExactly("targets[0].weight");
        assertThat(fields(withTargets(new TargetSpec(PUBLIC_URL, 1001)))).containsExactly("targets[0].weight");
        assertThat(fields(withTargets(new TargetSpec(PUBLIC_URL, 1000)))).isEmpty();
        assertThat(fields(withTargets(new TargetSpec(PUBLIC_URL, null)))).isEmpty();
    }

    @Test
    void timeoutsMustBePositiveAndBounded() {
        ProviderSpec zero = new ProviderSpec("echo", List.of(new TargetSpec(PUBLIC_URL, 1)), 0, 0, null);
        ProviderSpec huge = new ProviderSpec("echo", List.of(new TargetSpec(PUBLIC_URL, 1)), 600_001, 600_001, null);
        ProviderSpec max = new ProviderSpec("echo", List.of(new TargetSpec(PUBLIC_URL, 1)), 600_000, 600_000, null);

        assertThat(fields(zero)).containsExactly("connectTimeoutMs", "responseTimeoutMs");
        assertThat(fields(huge)).containsExactly("connectTimeoutMs", "responseTimeoutMs");
        assertThat(fields(max)).isEmpty();
    }

    @Test
    void badNameIsRefused() {
        assertThat(fields(new ProviderSpec("has space", List.of(new TargetSpec(PUBLIC_URL, 1)), null, null, null)))
                .containsExactly("name");
        assertThat(fields(new ProviderSpec(null, List.of(new TargetSpec(PUBLIC_URL, 1)), null, null, null)))
                .containsExactly("name");
    }

    @Test
    void ordinaryInjectedHeadersAreAccepted() {
        assertThat(fields(withHeaders(Map.of("X-Api-Key", "sk-123", "Authorization", "Bearer abc")))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "host", "Content-Length", "Transfer-Encoding", "Connection", "X-Request-Id",
            "Upgrade", "Keep-Alive"})
    void headersManagedByTheGatewayCannotBeInjected(String name) {
        assertThat(fields(withHeaders(Map.of(name, "x")))).containsExactly("headers." + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad Header", "X-Ä", "X:Colon", ""})
    void invalidHeaderNamesAreRefused(String name) {
        assertThat(fields(withHeaders(Map.of(name, "x")))).containsExactly("headers." + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Injected: 1", "abc\ndef", "abc\rdef", "nul\u0000byte"})
    void headerValuesWithLineBreaksOrNulAreRefused(String value) {
        assertThat(fields(withHeaders(Map.of("X-Api-Key", value)))).containsExactly("headers.X-Api-Key");
    }

    @Test
    void headerValuesMustBePresentAndOfBoundedLength() {
        Map<String, String> nullValue = new LinkedHashMap<>();
        nullValue.put("X-Api-Key", null);

        assertThat(fields(withHeaders(nullValue))).containsExactly("headers.X-Api-Key");
        assertThat(fields(withHeaders(Map.of("X-Api-Key", "a".repeat(4001))))).containsExactly("headers.X-Api-Key");
        assertThat(fields(withHeaders(Map.of("X-Api-Key", "a".repeat(4000))))).isEmpty();
    }

    @Test
    void headerRefusalNeverEchoesTheValue() {
        List<FieldProblem> found = problems(withHeaders(Map.of("X-Api-Key", "sk-live-SECRET\n")), STRICT);

        assertThat(found).singleElement().extracting(FieldProblem::message).asString().doesNotContain("sk-live-SECRET");
    }

    @Test
    void loopbackTargetIsRefusedWhenTheAllowlistIsEmpty() {
        List<FieldProblem> found = problems(withUrl("http://127.0.0.1:9000"), STRICT);

        assertThat(found).extracting(FieldProblem::field).containsExactly("targets[0].url");
        assertThat(found.get(0).message()).contains("loopback").contains("PLATFORM_UPSTREAM_ALLOWLIST");
    }

    @Test
    void loopbackTargetIsAllowedWhenTheAllowlistContainsIt() {
        assertThat(problems(withUrl("http://127.0.0.1:9000"), LOOPBACK_ALLOWED)).isEmpty();
        assertThat(problems(withUrl("http://127.8.9.10"), LOOPBACK_ALLOWED)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5", "http://192.168.1.1:8080", "http://169.254.169.254/latest/meta-data",
            "http://[::1]:9000", "http://[fd00::1]", "http://0.0.0.0:80", "http://localhost:9000"})
    void internalTargetsAreRefusedByDefault(String url) {
        assertThat(fields(withUrl(url))).containsExactly("targets[0].url");
    }

    @Test
    void theAllowlistOnlyOpensTheListedBlock() {
        assertThat(problems(withUrl("http://10.0.0.5"), LOOPBACK_ALLOWED)).extracting(FieldProblem::field)
                .containsExactly("targets[0].url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433:9000", "http://0177.0.0.1", "http://0x7f.1"})
    void nonCanonicalNumericHostsAreRefusedEvenWhenLoopbackIsAllowed(String url) {
        assertThat(problems(withUrl(url), LOOPBACK_ALLOWED)).extracting(FieldProblem::field)
                .containsExactly("targets[0].url");
    }

    @Test
    void everyBadTargetIsReported() {
        ProviderSpec spec = withTargets(new TargetSpec("ftp://x", 1), new TargetSpec(PUBLIC_URL, 0),
                new TargetSpec("http://127.0.0.1", 1));

        assertThat(fields(spec)).containsExactly("targets[0].url", "targets[1].weight", "targets[2].url");
    }

    @Test
    void aMockProviderNeedsNoTargetsAndValidatesItsAnswer() {
        assertThat(fields(ProviderSpec.mock("fake", MockSpec.DEFAULT))).isEmpty();
        assertThat(fields(ProviderSpec.mock("fake", new MockSpec(99, "x", "text/plain", -1, null))))
                .containsExactlyInAnyOrder("mock.status", "mock.latencyMs");
        assertThat(fields(ProviderSpec.mock("fake", new MockSpec(200, "x".repeat(70_000), "text/plain\n", 0, null))))
                .containsExactlyInAnyOrder("mock.body", "mock.contentType");
        assertThat(fields(ProviderSpec.mock("fake", new MockSpec(null, null, null, null,
                new FaultSpec(60, 302, 50, -1, 0))))).containsExactlyInAnyOrder("mock.faults.delayPercent",
                "mock.faults.errorStatus", "mock.faults.delayMs");
        assertThat(fields(ProviderSpec.mock("fake", new MockSpec(null, null, null, null,
                new FaultSpec(60, null, 50, null, null))))).containsExactly("mock.faults");
    }

    @Test
    void aMockProviderCannotHaveTargetsOrAHealthCheck() {
        ProviderSpec spec = new ProviderSpec("fake", "mock", List.of(new TargetSpec(PUBLIC_URL, 1)), null, null, null,
                null, new HealthCheckSpec(null, null, null, null, null));
        assertThat(fields(spec)).containsExactlyInAnyOrder("targets", "healthCheck");
    }

    @Test
    void anUnknownTypeIsRefused() {
        assertThat(fields(new ProviderSpec("x", "grpc", List.of(), null, null, null, null, null))).containsExactly("type");
    }

    @Test
    void healthCheckSettingsAreBounded() {
        ProviderSpec good = new ProviderSpec("echo", "http", List.of(new TargetSpec(PUBLIC_URL, 1)), null, null, null,
                null, new HealthCheckSpec("/healthz", 5_000, 1_000, 1, 3));
        assertThat(fields(good)).isEmpty();
        ProviderSpec bad = new ProviderSpec("echo", "http", List.of(new TargetSpec(PUBLIC_URL, 1)), null, null, null,
                null, new HealthCheckSpec("health", 500, 600, 0, 11));
        assertThat(fields(bad)).containsExactlyInAnyOrder("healthCheck.path", "healthCheck.intervalMs",
                "healthCheck.timeoutMs", "healthCheck.healthyThreshold", "healthCheck.unhealthyThreshold");
    }
}
