package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.route.FaultSpec;
import org.junit.jupiter.api.Test;

class InjectedFaultTest {
    private final FaultSpec faults = new FaultSpec(10, 503, 20, 30, 700);

    @Test
    void theRollPicksErrorsThenResetsThenDelaysThenNothing() {
        assertThat(InjectedFault.roll(faults, 0, InjectedFault.ROUTE).kind()).isEqualTo(InjectedFault.Kind.ERROR);
        assertThat(InjectedFault.roll(faults, 9.99, InjectedFault.ROUTE).errorStatus()).isEqualTo(503);
        assertThat(InjectedFault.roll(faults, 10, InjectedFault.ROUTE).kind()).isEqualTo(InjectedFault.Kind.RESET);
        assertThat(InjectedFault.roll(faults, 29.99, InjectedFault.ROUTE).kind()).isEqualTo(InjectedFault.Kind.RESET);
        assertThat(InjectedFault.roll(faults, 30, InjectedFault.ROUTE).kind()).isEqualTo(InjectedFault.Kind.DELAY);
        assertThat(InjectedFault.roll(faults, 59.99, InjectedFault.ROUTE).delayMs()).isEqualTo(700);
        assertThat(InjectedFault.roll(faults, 60, InjectedFault.ROUTE).none()).isTrue();
        assertThat(InjectedFault.roll(faults, 99.99, InjectedFault.ROUTE).none()).isTrue();
    }

    @Test
    void noFaultsMeansNoInjection() {
        assertThat(InjectedFault.roll(FaultSpec.NONE, 0, InjectedFault.ROUTE).none()).isTrue();
        assertThat(InjectedFault.roll(null, 0, InjectedFault.ROUTE).none()).isTrue();
    }

    @Test
    void onlyMockFaultsCountAgainstTargetHealth() {
        assertThat(InjectedFault.roll(faults, 0, InjectedFault.ROUTE).feedsHealth()).isFalse();
        assertThat(InjectedFault.roll(faults, 0, InjectedFault.MOCK).feedsHealth()).isTrue();
    }
}
