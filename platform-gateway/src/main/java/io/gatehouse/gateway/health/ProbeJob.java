package io.gatehouse.gateway.health;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

/**
 * Probes one target every {@code intervalMs}, the first time right away, with at most one probe in flight (a tick
 * that finds the previous probe still running is skipped), and records each result in {@link UpstreamHealth}.
 * Once stopped, a probe still in flight is cancelled and no result is recorded any more.
 */
final class ProbeJob {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeJob.class);

    private final ProbeTarget target;
    private final HealthProbe probe;
    private final UpstreamHealth health;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final Disposable.Swap running = Disposables.swap();
    private volatile boolean stopped;
    private volatile Disposable timer;
    private volatile String lastStatus = ActiveCheckState.UNCHECKED;

    ProbeJob(ProbeTarget target, HealthProbe probe, UpstreamHealth health) {
        this.target = target;
        this.probe = probe;
        this.health = health;
    }

    ProbeTarget target() {
        return target;
    }

    ProbeJob start(Scheduler scheduler) {
        timer = Flux.interval(Duration.ZERO, Duration.ofMillis(target.spec().intervalMs()), scheduler)
                .subscribe(tick -> tick());
        return this;
    }

    void stop() {
        stopped = true;
        Disposable t = timer;
        if (t != null) {
            t.dispose();
        }
        running.dispose();
    }

    private void tick() {
        if (stopped || !inFlight.compareAndSet(false, true)) {
            return;
        }
        running.update(probe.probe(target.url(), target.headers(), target.spec().timeoutMs())
                .doFinally(signal -> inFlight.set(false))
                .subscribe(this::record, error -> LOG.warn("health probe of {} failed: {}", target, error.toString())));
    }

    private void record(ProbeResult result) {
        if (stopped) {
            return;
        }
        String status = health.recordProbe(target.tenant(), target.provider(), target.origin(), result.passed(),
                result.detail(), target.spec().healthyThreshold(), target.spec().unhealthyThreshold());
        if (!status.equals(lastStatus)) {
            if (status.equals(ActiveCheckState.DOWN) || lastStatus.equals(ActiveCheckState.DOWN)) {
                LOG.info("target {} of provider '{}' (tenant {}) is {} by its health check: {}", target.origin(),
                        target.provider(), target.tenant(), status, result.detail());
            }
            lastStatus = status;
        }
    }
}
