package io.gatehouse.gateway.health;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.springframework.stereotype.Component;

/**
 * Health of every provider and target the gateway has talked to, keyed by tenant and provider name. Outlier
 * ejection works per target; the circuit breaker per provider opens when half of its last 20 attempts failed (at
 * least 10 recorded), answers fast while open (30 s), then lets a few trial calls through. Targets of providers with
 * an active health check also carry the probes' verdict ({@link ActiveHealthChecker}); DOWN keeps them out too.
 */
@Component
public class UpstreamHealth {
    static final int EJECT_AFTER_FAILURES = 5;
    static final Duration BASE_EJECTION = Duration.ofSeconds(30);
    static final Duration MAX_EJECTION = Duration.ofMinutes(5);

    private final Map<TargetKey, OutlierDetector> targets = new ConcurrentHashMap<>();
    private final Map<TargetKey, ActiveCheckState> activeChecks = new ConcurrentHashMap<>();
    private final Map<ProviderKey, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final CircuitBreakerConfig breakerConfig;
    private final LongSupplier clockMs;

    public UpstreamHealth() {
        this(System::currentTimeMillis, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(30))
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    UpstreamHealth(LongSupplier clockMs, CircuitBreakerConfig breakerConfig) {
        this.clockMs = clockMs;
        this.breakerConfig = breakerConfig;
    }

    /** True when the target is out of rotation: ejected after failed calls, or DOWN by its active health check. */
    public boolean isEjected(String tenant, String provider, String target) {
        TargetKey key = new TargetKey(tenant, provider, target);
        OutlierDetector detector = targets.get(key);
        if (detector != null && detector.isEjected()) {
            return true;
        }
        ActiveCheckState check = activeChecks.get(key);
        return check != null && check.isDown();
    }

    /** How many known targets are out of rotation now (ejected or DOWN), for metrics. */
    public long targetsOutOfRotation() {
        long ejected = targets.values().stream().filter(OutlierDetector::isEjected).count();
        long down = activeChecks.entrySet().stream()
                .filter(e -> e.getValue().isDown() && !isPassivelyEjected(e.getKey())).count();
        return ejected + down;
    }

    /** Total ejections so far across all targets (each ejection period counts once), for metrics. */
    public long ejectionsTotal() {
        return targets.values().stream().mapToLong(d -> d.state().timesEjected()).sum();
    }

    /** How many provider circuit breakers are in the given state ("OPEN", "HALF_OPEN", "CLOSED"), for metrics. */
    public long circuitsIn(String state) {
        return breakers.values().stream().filter(b -> b.getState().name().equals(state)).count();
    }

    private boolean isPassivelyEjected(TargetKey key) {
        OutlierDetector detector = targets.get(key);
        return detector != null && detector.isEjected();
    }

    /** Records one active health probe of a target; returns its status after it ("UP" or "DOWN"). */
    String recordProbe(String tenant, String provider, String target, boolean passed, String detail,
                       int healthyThreshold, int unhealthyThreshold) {
        return activeChecks.computeIfAbsent(new TargetKey(tenant, provider, target), k -> new ActiveCheckState(clockMs))
                .record(passed, detail, healthyThreshold, unhealthyThreshold);
    }

    /** Forgets the active check verdict of a target that is no longer checked (so it counts as up again). */
    void forgetProbes(String tenant, String provider, String target) {
        activeChecks.remove(new TargetKey(tenant, provider, target));
    }

    /** Asks the provider's breaker for permission; false while it is open. Pair a true with {@link #recordCall} or {@link #release}. */
    public boolean tryEnter(String tenant, String provider) {
        return breaker(tenant, provider).tryAcquirePermission();
    }

    /** Records one attempt on one target: {@code failed} = connect failure, reset, timeout or a 5xx answer. */
    public void recordAttempt(String tenant, String provider, String target, boolean failed) {
        OutlierDetector detector = targets.computeIfAbsent(new TargetKey(tenant, provider, target),
                k -> new OutlierDetector(target, EJECT_AFTER_FAILURES, BASE_EJECTION, MAX_EJECTION, clockMs));
        if (failed) {
            detector.recordFailure();
        } else {
            detector.recordSuccess();
        }
    }

    /**
     * Records how a call went on a provider once the gateway is done with it (after its retries), for the breaker:
     * a provider whose retries still succeed on a healthy target must not have its circuit opened.
     */
    public void recordCall(String tenant, String provider, boolean failed, long latencyMs) {
        CircuitBreaker breaker = breaker(tenant, provider);
        if (failed) {
            breaker.onError(latencyMs, java.util.concurrent.TimeUnit.MILLISECONDS, new UpstreamFailed());
        } else {
            breaker.onSuccess(latencyMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** Gives back a permission that will not be recorded (the caller went away, or the attempt was refused locally). */
    public void release(String tenant, String provider) {
        breaker(tenant, provider).releasePermission();
    }

    /** "CLOSED", "OPEN" or "HALF_OPEN" - for the console. */
    public String circuitState(String tenant, String provider) {
        CircuitBreaker breaker = breakers.get(new ProviderKey(tenant, provider));
        return breaker == null ? "CLOSED" : breaker.getState().name();
    }

    /** Live state of the given targets of a provider, in order. */
    public List<TargetState> targetStates(String tenant, String provider, List<String> targetOrigins) {
        return targetOrigins.stream().map(origin -> {
            TargetKey key = new TargetKey(tenant, provider, origin);
            OutlierDetector detector = targets.get(key);
            TargetState state = detector == null ? new TargetState(origin, false, null, 0, 0) : detector.state();
            ActiveCheckState check = activeChecks.get(key);
            return check == null ? state : check.addTo(state);
        }).toList();
    }

    private CircuitBreaker breaker(String tenant, String provider) {
        return breakers.computeIfAbsent(new ProviderKey(tenant, provider),
                key -> CircuitBreaker.of(tenant + "/" + provider, breakerConfig));
    }

    /** Map keys as records: looking one up on every call builds no string. */
    private record TargetKey(String tenant, String provider, String target) {
    }

    private record ProviderKey(String tenant, String provider) {
    }

    /** Marker for a failed upstream attempt, recorded by the breaker without a stack trace. */
    private static final class UpstreamFailed extends RuntimeException {
        UpstreamFailed() {
            super("upstream attempt failed", null, false, false);
        }
    }
}
