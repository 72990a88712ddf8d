package io.gatehouse.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.route.HealthCheckSpec;
import io.gatehouse.gateway.route.UpstreamTarget;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeTargetTest {

    @ParameterizedTest(name = "{0} {1} {2} {3} + {4} -> {5}")
    @CsvSource(delimiter = '|', value = {
            "http  | api.example.com | 80   | ''     | /health  | http://api.example.com/health",
            "https | api.example.com | 443  | /v1    | /health  | https://api.example.com/v1/health",
            "http  | 127.0.0.1       | 9000 | /v1/   | /healthz | http://127.0.0.1:9000/v1/healthz",
            "https | ::1             | 8443 | /      | /ping    | https://[::1]:8443/ping",
    })
    void theProbeUrlIsTheTargetBasePathFollowedByTheCheckPath(String scheme, String host, int port, String base,
                                                                String path, String expected) {
        UpstreamTarget target = new UpstreamTarget("ignored", scheme, host, port, base, 1);
        assertThat(ProbeTarget.url(target, path)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void headerValuesNeverAppearInItsText() {
        ProbeTarget target = new ProbeTarget("t", "p", "http://a:1", "http://a:1/health",
                Map.of("X-Api-Key", "top-secret"), new HealthCheckSpec(null, null, null, null, null));
        assertThat(target.toString()).contains("X-Api-Key").doesNotContain("top-secret");
    }
}
