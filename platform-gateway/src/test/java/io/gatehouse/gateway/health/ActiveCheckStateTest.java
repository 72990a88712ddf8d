package io.gatehouse.gateway.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActiveCheckStateTest {
    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final ActiveCheckState state = new ActiveCheckState(now::get);

    /** Feeds a sequence of probe results ('+' pass, '-' fail) with thresholds healthy=2, unhealthy=3. */
    private String feed(String results) {
        String status = state.status();
        for (char c : results.toCharArray()) {
            status = state.record(c == '+', c == '+' ? "200 in 1 ms" : "503 in 1 ms", 2, 3);
        }
        return status;
    }

    @Test
    void aTargetNobodyProbedYetIsUncheckedAndCountsAsUp() {
        assertThat(state.status()).isEqualTo("UNCHECKED");
        assertThat(state.isDown()).isFalse();
        TargetState shown = state.addTo(new TargetState("http://a:1", false, null, 0, 0));
        assertThat(shown.activeCheck()).isEqualTo("UNCHECKED");
        assertThat(shown.lastCheckAt()).isNull();
        assertThat(shown.inRotation()).isTrue();
    }

    @ParameterizedTest(name = "after {0} the target is {1}")
    @CsvSource({
            "+,       UP",
            "-,       UP",
            "--,      UP",
            "---,     DOWN",
            "+--+--,  UP",
            "---+,    DOWN",
            "---++,   UP",
            "---+-+,  DOWN",
            "---++-,  UP",
            "---++--- , DOWN",
            "-----+++, UP",
    })
    void unhealthyThresholdFailuresInARowTakeItDownAndHealthyThresholdPassesBringItBack(String results,
                                                                                       String expected) {
        assertThat(feed(results.strip())).isEqualTo(expected);
        assertThat(state.isDown()).isEqualTo(expected.equals("DOWN"));
    }

    @Test
    void thresholdsOfOneFlipOnEveryResult() {
        assertThat(state.record(false, "timeout after 2000 ms", 1, 1)).isEqualTo("DOWN");
        assertThat(state.record(true, "200 in 3 ms", 1, 1)).isEqualTo("UP");
    }

    @Test
    void theLastProbeTimeAndDetailAreShown() {
        feed("---");
        now.addAndGet(5_000);
        state.record(false, "connection refused", 2, 3);
        TargetState shown = state.addTo(new TargetState("http://a:1", false, null, 0, 0));
        assertThat(shown.activeCheck()).isEqualTo("DOWN");
        assertThat(shown.lastCheckAt()).isEqualTo(Instant.ofEpochMilli(now.get()));
        assertThat(shown.lastCheckDetail()).isEqualTo("connection refused");
        assertThat(shown.inRotation()).isFalse();
    }
}
