package io.gatehouse.gateway.jwks;

import io.gatehouse.auth.authn.jwt.JwksKey;
import io.gatehouse.auth.authn.jwt.JwksKeys;
import io.gatehouse.auth.authn.jwt.JwksUrls;
import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The gateway's {@link JwksKeys}: an in-memory {@link JwksCache} read on the event loop, filled by
 * {@link HttpJwksFetcher} on two dedicated daemon threads ({@code gatehouse-jwks-fetch-*}, at most 64 fetches
 * queued), with a timer thread ({@code gatehouse-jwks-timer}) starting the periodic refreshes. JWKS URLs follow the
 * upstream address policy ({@code PLATFORM_UPSTREAM_ALLOWLIST}), both when a key is issued and before every fetch.
 */
@Component
public class GatewayJwksKeys implements JwksKeys, DisposableBean {
    static final int FETCH_THREADS = 2;
    static final int MAX_QUEUED_FETCHES = 64;
    static final Duration TICK = Duration.ofSeconds(5);

    private final UpstreamAddressPolicy policy;
    private final ThreadPoolExecutor fetchPool;
    private final ExecutorService httpPool;
    private final ScheduledExecutorService timer;
    private final JwksCache cache;

    @Autowired
    GatewayJwksKeys(UpstreamAddressPolicy policy,
                    @Value("${platform.jwks.min-fetch-interval:PT30S}") Duration minInterval,
                    @Value("${platform.jwks.refresh-interval:PT10M}") Duration refreshInterval) {
        this.policy = policy;
        this.fetchPool = new ThreadPoolExecutor(FETCH_THREADS, FETCH_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(MAX_QUEUED_FETCHES), daemon("gatehouse-jwks-fetch-"));
        this.fetchPool.allowCoreThreadTimeOut(true);
        this.httpPool = Executors.newCachedThreadPool(daemon("gatehouse-jwks-http-"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("gatehouse-jwks-timer"));
        this.cache = new JwksCache(new HttpJwksFetcher(policy, httpPool), fetchPool, Clock.systemUTC(), minInterval,
                refreshInterval, JwksCache.RETRY_INTERVAL);
        this.timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public Optional<JwksKey> cachedKey(String jwksUrl, String kid) {
        return cache.cachedKey(jwksUrl, kid);
    }

    @Override
    public void requestRefresh(String jwksUrl) {
        cache.requestRefresh(jwksUrl);
    }

    @Override
    public void inUse(Collection<String> jwksUrls) {
        cache.inUse(jwksUrls);
    }

    @Override
    public Optional<String> urlProblem(String jwksUrl) {
        Optional<String> syntax = JwksUrls.syntaxProblem(jwksUrl);
        if (syntax.isPresent()) {
            return syntax;
        }
        return JwksAddresses.problem(URI.create(jwksUrl), policy, false);
    }

    /** For tests and diagnostics: why the last fetch of {@code jwksUrl} failed, if it did. */
    public Optional<String> lastError(String jwksUrl) {
        return cache.lastError(jwksUrl);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        fetchPool.shutdownNow();
        httpPool.shutdownNow();
    }

    private void tick() {
        try {
            cache.refreshDue();
        } catch (RuntimeException e) {
            // never let the timer die
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix.endsWith("-") ? prefix + n.incrementAndGet() : prefix);
            thread.setDaemon(true);
            return thread;
        };
    }
}
