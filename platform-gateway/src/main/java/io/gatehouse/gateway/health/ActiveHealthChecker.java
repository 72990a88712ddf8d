package io.gatehouse.gateway.health;

import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.CompiledRoute;
import io.gatehouse.gateway.route.RouteTable;
import io.gatehouse.gateway.route.RouteTableHolder;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the active health checks: one {@link ProbeJob} per target of every provider with a {@code healthCheck} that
 * a route of the current route table uses (primary or fallback). Twice a second it looks whether the route table
 * snapshot was replaced and, if so, starts jobs for new checks, restarts changed ones (new interval, path, headers)
 * and stops removed ones, forgetting their verdicts. Started and stopped with the application context.
 */
@Component
public class ActiveHealthChecker implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(ActiveHealthChecker.class);
    static final Duration RECONCILE_EVERY = Duration.ofMillis(500);

    private final Supplier<RouteTable> routes;
    private final UpstreamHealth health;
    private final UpstreamAddressPolicy policy;
    private final Map<String, ProbeJob> jobs = new HashMap<>();
    private RouteTable seen;
    private Scheduler scheduler;
    private HealthProbe probe;
    private Disposable reconciler;

    @Autowired
    ActiveHealthChecker(RouteTableHolder routes, UpstreamHealth health, UpstreamAddressPolicy policy) {
        this(routes::current, health, policy);
    }

    ActiveHealthChecker(Supplier<RouteTable> routes, UpstreamHealth health, UpstreamAddressPolicy policy) {
        this.routes = routes;
        this.health = health;
        this.policy = policy;
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        scheduler = Schedulers.newSingle("gatehouse-health", true);
        probe = new HealthProbe(policy);
        reconciler = Flux.interval(Duration.ZERO, RECONCILE_EVERY, scheduler).subscribe(tick -> reconcile());
    }

    @Override
    public synchronized void stop() {
        if (!isRunning()) {
            return;
        }
        reconciler.dispose();
        jobs.values().forEach(this::stopAndForget);
        jobs.clear();
        seen = null;
        probe.dispose();
        scheduler.dispose();
        reconciler = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return reconciler != null && !reconciler.isDisposed();
    }

    /** How many targets are being probed right now. */
    public synchronized int probedTargets() {
        return jobs.size();
    }

    synchronized void reconcile() {
        RouteTable table = routes.get();
        if (table == seen || !isRunning()) {
            return;
        }
        try {
            Map<String, ProbeTarget> wanted = wanted(table);
            for (Iterator<ProbeJob> it = jobs.values().iterator(); it.hasNext(); ) {
                ProbeJob job = it.next();
                ProbeTarget now = wanted.get(job.target().key());
                if (now == null) {
                    stopAndForget(job);
                    it.remove();
                } else if (!now.equals(job.target())) {
                    job.stop();
                    it.remove();
                }
            }
            wanted.forEach((key, target) -> jobs.computeIfAbsent(key,
                    k -> new ProbeJob(target, probe, health).start(scheduler)));
            seen = table;
        } catch (RuntimeException e) {
            LOG.error("could not apply the route table to the health checks; trying again: {}", e.toString());
        }
    }

    /** Every target to probe, keyed like {@link ProbeTarget#key()}; the first target wins when origins repeat. */
    static Map<String, ProbeTarget> wanted(RouteTable table) {
        Map<String, ProbeTarget> wanted = new LinkedHashMap<>();
        for (CompiledRoute route : table.routes()) {
            Stream.concat(Stream.of(route.provider()), route.fallbacks().stream())
                    .filter(provider -> provider.healthCheck() != null && provider.mock() == null)
                    .forEach(provider -> add(wanted, route.tenant(), provider));
        }
        return wanted;
    }

    private static void add(Map<String, ProbeTarget> wanted, String tenant, CompiledProvider provider) {
        for (UpstreamTarget target : provider.targets()) {
            if (!target.isMock()) {
                ProbeTarget probeTarget = ProbeTarget.of(tenant, provider, target);
                wanted.putIfAbsent(probeTarget.key(), probeTarget);
            }
        }
    }

    private void stopAndForget(ProbeJob job) {
        job.stop();
        health.forgetProbes(job.target().tenant(), job.target().provider(), job.target().origin());
    }
}
