package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TraceParentTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aValidTraceKeepsItsTraceIdAndFlagsWithTheGatewaysOwnParentId() {
        String upstream = TraceParent.forUpstream(VALID);
        assertThat(TraceParent.isValid(upstream)).isTrue();
        assertThat(upstream).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-").endsWith("-01");
        assertThat(upstream.substring(36, 52)).isNotEqualTo("00f067aa0ba902b7");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01"})
    void anInvalidOrMissingTraceIsReplacedByANewOne(String incoming) {
        String upstream = TraceParent.forUpstream(incoming);
        assertThat(TraceParent.isValid(upstream)).isTrue();
        assertThat(upstream).doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void newTracesDiffer() {
        assertThat(TraceParent.forUpstream(null)).isNotEqualTo(TraceParent.forUpstream(null));
    }
}
