package io.gatehouse.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompiledProviderTest {

    private static UpstreamTarget target(String url, int weight) {
        return UpstreamTarget.of(new TargetSpec(url, weight));
    }

    private static final UpstreamTarget A = target("http://a.example:8001", 1);
    private static final UpstreamTarget B = target("http://b.example:8002", 3);
    private static final CompiledProvider ONE_TO_THREE =
            new CompiledProvider("p", List.of(A, B), 1000, 2000, Map.of());

    @Test
    void rollsInTheFirstQuarterPickTheWeightOneTarget() {
        assertThat(ONE_TO_THREE.pick(0.0)).isEqualTo(A);
        assertThat(ONE_TO_THREE.pick(0.1)).isEqualTo(A);
        assertThat(ONE_TO_THREE.pick(0.2499)).isEqualTo(A);
    }

    @Test
    void rollsFromAQuarterUpPickTheWeightThreeTarget() {
        assertThat(ONE_TO_THREE.pick(0.25)).isEqualTo(B);
        assertThat(ONE_TO_THREE.pick(0.5)).isEqualTo(B);
        assertThat(ONE_TO_THREE.pick(0.9999999)).isEqualTo(B);
    }

    @Test
    void aRollOfExactlyOneStillPicksATarget() {
        assertThat(ONE_TO_THREE.pick(1.0)).isEqualTo(B);
    }

    @Test
    void evenlySpreadRollsFollowTheWeights() {
        int a = 0;
        int b = 0;
        for (int i = 0; i < 1000; i++) {
            UpstreamTarget picked = ONE_TO_THREE.pick(i / 1000.0);
            if (picked.equals(A)) {
                a++;
            } else if (picked.equals(B)) {
                b++;
            }
        }
        assertThat(a).isEqualTo(250);
        assertThat(b).isEqualTo(750);
    }

    @Test
    void aSingleTargetIsAlwaysPicked() {
        CompiledProvider single = new CompiledProvider("p", List.of(A), 1000, 2000, Map.of());

        assertThat(single.pick(0.0)).isEqualTo(A);
        assertThat(single.pick(0.999)).isEqualTo(A);
    }

    @Test
    void toStringNamesHeadersButNeverTheirValues() {
        CompiledProvider withSecret = new CompiledProvider("p", List.of(A), 1000, 2000,
                Map.of("X-Api-Key", "sk-live-SECRET-123"));

        assertThat(withSecret.toString()).contains("X-Api-Key").doesNotContain("sk-live-SECRET-123");
    }

    @Test
    void targetsResolveDefaultPortsAndBasePath() {
        UpstreamTarget https = target("https://api.example.com/v1/", 1);
        UpstreamTarget http = target("http://api.example.com", 1);
        UpstreamTarget ipv6 = target("http://[2606:4700::1]:8080/x", 1);

        assertThat(https.port()).isEqualTo(443);
        assertThat(https.basePath()).isEqualTo("/v1/");
        assertThat(https.origin()).isEqualTo("https://api.example.com:443");
        assertThat(http.port()).isEqualTo(80);
        assertThat(http.basePath()).isEmpty();
        assertThat(ipv6.origin()).isEqualTo("http://[2606:4700::1]:8080");
    }
}
