package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayServerEventLoopsTest {

    @Test
    void byDefaultOneEventLoopPerAvailableProcessor() {
        int processors = Runtime.getRuntime().availableProcessors();

        assertThat(GatewayServer.eventLoops(0)).isEqualTo(Math.max(1, processors));
        assertThat(GatewayServer.eventLoops(-1)).isEqualTo(Math.max(1, processors));
    }

    @Test
    void theConfiguredCountWins() {
        assertThat(GatewayServer.eventLoops(1)).isEqualTo(1);
        assertThat(GatewayServer.eventLoops(6)).isEqualTo(6);
    }
}
