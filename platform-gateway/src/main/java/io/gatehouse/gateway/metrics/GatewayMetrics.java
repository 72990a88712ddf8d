package io.gatehouse.gateway.metrics;

import io.gatehouse.gateway.health.UpstreamHealth;
import io.gatehouse.gateway.log.Attempt;
import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.log.CallRecordSink;
import io.gatehouse.gateway.log.RequestLogWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Turns finished calls into meters. Tags are bounded: the tenant and route come from the route table (a request for
 * an unknown tenant or path is counted under "-", so random URLs cannot create new time series).
 */
@Component
class GatewayMetrics implements CallRecordSink {
    private static final String NONE = "-";

    private static final String[] STATUS_CLASSES = {"0xx", "1xx", "2xx", "3xx", "4xx", "5xx", "6xx", "7xx",
            "8xx", "9xx"};

    private final MeterRegistry registry;

    private final Map<SeriesKey, Timer> requestTimers = new ConcurrentHashMap<>();
    private final Map<SeriesKey, Counter> attemptCounters = new ConcurrentHashMap<>();
    private final Map<SeriesKey, Counter> retryCounters = new ConcurrentHashMap<>();

    GatewayMetrics(MeterRegistry registry, UpstreamHealth health, RequestLogWriter requestLog) {
        this.registry = registry;
        FunctionCounter.builder("gatehouse.requestlog.accepted", requestLog, w -> w.counters().accepted())
                .description("Call records accepted by the request log").register(registry);
        FunctionCounter.builder("gatehouse.requestlog.persisted", requestLog, w -> w.counters().persisted())
                .description("Call records written to the database").register(registry);
        FunctionCounter.builder("gatehouse.requestlog.dropped", requestLog, w -> w.counters().dropped())
                .description("Call records dropped because the queue was full").register(registry);
        Gauge.builder("gatehouse.requestlog.queued", requestLog, w -> w.counters().queued())
                .description("Call records waiting to be written").register(registry);
        Gauge.builder("gatehouse.gateway.targets.out.of.rotation", health, UpstreamHealth::targetsOutOfRotation)
                .description("Targets ejected after failures or DOWN by their active health check").register(registry);
        FunctionCounter.builder("gatehouse.gateway.ejections", health, UpstreamHealth::ejectionsTotal)
                .description("Target ejections by passive outlier detection").register(registry);
        for (String state : new String[] {"OPEN", "HALF_OPEN", "CLOSED"}) {
            Gauge.builder("gatehouse.gateway.circuits", health, h -> h.circuitsIn(state))
                    .tag("state", state.toLowerCase(java.util.Locale.ROOT))
                    .description("Provider circuit breakers by state").register(registry);
        }
    }

    @Override
    public void accept(CallRecord call) {
        boolean routed = call.route() != null;
        String tenant = routed ? call.tenant() : NONE;
        String route = routed ? call.route() : NONE;
        String statusClass = statusClass(call.status());
        requestTimers.computeIfAbsent(new SeriesKey(tenant, route, statusClass), k -> Timer
                        .builder("gatehouse.gateway.requests")
                        .description("Gateway requests by tenant, route and status class")
                        .tags("tenant", tenant, "route", route, "status", statusClass)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(60))
                        .register(registry))
                .record(call.latencyMs(), TimeUnit.MILLISECONDS);
        for (Attempt attempt : call.attempts()) {
            String outcome = attempt.errorCode() != null ? attempt.errorCode() : statusClass(attempt.status());
            String provider = attempt.provider() == null ? NONE : attempt.provider();
            attemptCounters.computeIfAbsent(new SeriesKey(tenant, provider, outcome), k -> Counter
                    .builder("gatehouse.gateway.upstream.attempts")
                    .description("Upstream attempts by provider and outcome (status class or error code)")
                    .tags("tenant", tenant, "provider", provider, "outcome", outcome)
                    .register(registry)).increment();
        }
        if (call.attempts().size() > 1) {
            retryCounters.computeIfAbsent(new SeriesKey(tenant, route, ""), k -> Counter
                    .builder("gatehouse.gateway.retries")
                    .description("Attempts after the first, by route")
                    .tags("tenant", tenant, "route", route)
                    .register(registry)).increment(call.attempts().size() - 1);
        }
    }

    private static String statusClass(int status) {
        int hundreds = status / 100;
        return hundreds >= 0 && hundreds < STATUS_CLASSES.length ? STATUS_CLASSES[hundreds] : status / 100 + "xx";
    }

    /** One time series: its tag values (a record, so finding the meter of a call builds no string). */
    private record SeriesKey(String first, String second, String third) {
    }
}
