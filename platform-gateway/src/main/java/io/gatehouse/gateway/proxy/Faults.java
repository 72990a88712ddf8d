package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.retry.FailureKind;
import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.UpstreamTarget;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** Turns an injected fault into what a real failure of that kind looks like to the retry logic and the caller. */
final class Faults {
    private Faults() {
    }

    static String errorBody(InjectedFault fault) {
        return "{\"error\":{\"status\":" + fault.errorStatus() + ",\"code\":\"injected_fault\",\"message\":\"this "
                + fault.errorStatus() + " was injected by the " + fault.source() + " - turn fault injection off to"
                + " reach the upstream\"}}";
    }

    static InjectedFailure reset(UpstreamTarget target, InjectedFault fault) {
        return new InjectedFailure(FailureKind.RESET, new GatewayError(502, "upstream_reset", "connection to "
                + target.origin() + " reset before a response head - injected by the " + fault.source()
                + "; turn fault injection off to reach the upstream"), fault.feedsHealth());
    }

    /**
     * Waits {@code delayMs} and then runs {@code then}; a wait as long as the provider's per-try timeout ends as
     * that timeout, as a slow upstream would.
     */
    static <T> Mono<T> delayed(int delayMs, CompiledProvider provider, UpstreamTarget target, String why,
                               boolean feedsHealth, Mono<T> then) {
        int perTry = provider.responseTimeoutMs();
        if (delayMs < perTry) {
            return Mono.delay(Duration.ofMillis(delayMs)).then(then);
        }
        return Mono.delay(Duration.ofMillis(perTry)).then(Mono.error(new InjectedFailure(FailureKind.TIMEOUT,
                new GatewayError(504, "upstream_timeout", "no response from " + target.origin() + " within " + perTry
                        + " ms (per-try timeout) because of an " + why + " of " + delayMs + " ms - lower the delay"
                        + " or raise responseTimeoutMs"), feedsHealth)));
    }
}
