package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.retry.FailureKind;
import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.UpstreamTarget;

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
     * What a wait of {@code delayMs} turns into when it is at least the provider's per-try timeout: that timeout, as
     * a slow upstream would cause; null when the wait ends before it.
     */
    static InjectedFailure outlastsPerTryTimeout(int delayMs, CompiledProvider provider, UpstreamTarget target,
                                                 String why, boolean feedsHealth) {
        int perTry = provider.responseTimeoutMs();
        if (delayMs < perTry) {
            return null;
        }
        return new InjectedFailure(FailureKind.TIMEOUT, new GatewayError(504, "upstream_timeout", "no response from "
                + target.origin() + " within " + perTry + " ms (per-try timeout) because of an " + why + " of "
                + delayMs + " ms - lower the delay or raise responseTimeoutMs"), feedsHealth);
    }
}
