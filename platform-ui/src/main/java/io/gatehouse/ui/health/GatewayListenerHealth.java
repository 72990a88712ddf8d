package io.gatehouse.ui.health;

import io.gatehouse.gateway.proxy.GatewayServer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** DOWN unless a TCP connection to the gateway port succeeds (the console answering proves its own listener). */
@Component("gatewayListener")
class GatewayListenerHealth implements HealthIndicator {
    private final GatewayServer gateway;

    GatewayListenerHealth(GatewayServer gateway) {
        this.gateway = gateway;
    }

    @Override
    public Health health() {
        if (gateway.acceptsConnections()) {
            return Health.up().withDetail("port", gateway.port()).build();
        }
        return Health.down().withDetail("reason", "gateway listener is not accepting connections").build();
    }
}
