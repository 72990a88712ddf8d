package io.gatehouse.ui.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.health.TargetState;
import io.gatehouse.gateway.route.MockSpec;
import io.gatehouse.gateway.route.ProviderView;
import io.gatehouse.gateway.route.TargetSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveStateTest {

    @Test
    void aTargetWithoutFailuresIsHealthyInGreen() {
        LiveState.Badge badge = LiveState.target(new TargetState("http://a:80", false, null, 0, 0), ZoneOffset.UTC);

        assertThat(badge.text()).isEqualTo("healthy");
        assertThat(badge.theme()).isEqualTo("badge success");
    }

    @Test
    void aTargetWithAFailureStreakIsStillHealthyButSaysSo() {
        LiveState.Badge badge = LiveState.target(new TargetState("http://a:80", false, null, 3, 0), ZoneOffset.UTC);

        assertThat(badge.text()).isEqualTo("healthy (3 failures in a row)");
        assertThat(badge.theme()).isEqualTo("badge contrast");
    }

    @Test
    void anEjectedTargetSaysUntilWhenWithItsFailuresAndEjectionsInRed() {
        TargetState state = new TargetState("http://a:80", true, Instant.parse("2026-01-02T14:03:12.500Z"), 5, 1);

        LiveState.Badge badge = LiveState.target(state, ZoneOffset.UTC);

        assertThat(badge.text()).isEqualTo("ejected until 14:03:12 UTC (5 failures, ejected 1 time)");
        assertThat(badge.theme()).isEqualTo("badge error");
    }

    @Test
    void circuitStatesReadAsWordsWithColours() {
        assertThat(LiveState.circuit("CLOSED")).isEqualTo(new LiveState.Badge("circuit closed", "badge success"));
        assertThat(LiveState.circuit("OPEN").text()).isEqualTo("circuit OPEN - calls refused fast");
        assertThat(LiveState.circuit("OPEN").theme()).contains("error");
        assertThat(LiveState.circuit("HALF_OPEN").text()).startsWith("circuit half-open");
        assertThat(LiveState.circuit("FORCED_OPEN").text()).isEqualTo("circuit forced-open");
    }

    @Test
    void originsFillInDefaultPortsBracketIpv6AndDropThePath() {
        assertThat(LiveState.origin("https://api.example.com/v1")).isEqualTo("https://api.example.com:443");
        assertThat(LiveState.origin("http://Example.com")).isEqualTo("http://Example.com:80");
        assertThat(LiveState.origin("HTTP://127.0.0.1:9000/base")).isEqualTo("http://127.0.0.1:9000");
        assertThat(LiveState.origin("http://[::1]:8080/x")).isEqualTo("http://[::1]:8080");
        assertThat(LiveState.origin("not a url")).isEqualTo("not a url");
    }

    @Test
    void aMockProviderHasOneVirtualTarget() {
        ProviderView mock = new ProviderView("fake", "mock", List.of(), 2000, 30000, List.of(), MockSpec.DEFAULT, null,
                null, null);
        ProviderView http = new ProviderView("real", "http",
                List.of(new TargetSpec("http://a.example/v1", 1), new TargetSpec("https://b.example", 2)), 2000, 30000,
                List.of(), null, null, null, null);

        assertThat(LiveState.origins(mock)).containsExactly("mock://fake");
        assertThat(LiveState.origins(http)).containsExactly("http://a.example:80", "https://b.example:443");
    }

    @Test
    void aTargetDownByItsHealthCheckSaysSoWithTheLastResult() {
        TargetState state = new TargetState("http://a:80", false, null, 0, 0, "DOWN", java.time.Instant.now(),
                "503 in 2 ms");
        LiveState.Badge badge = LiveState.target(state, ZoneOffset.UTC);
        org.assertj.core.api.Assertions.assertThat(badge.text()).isEqualTo("DOWN by health check - check: 503 in 2 ms");
    }
}
