package io.gatehouse.gateway.jwks;

import io.gatehouse.auth.authn.jwt.IssuerKeySet;
import io.gatehouse.auth.authn.jwt.JwkSetParser;
import io.gatehouse.auth.authn.jwt.JwksKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issuer key sets by JWKS URL, in memory. Reads ({@link #cachedKey}) never block and never fetch. Fetches run on the
 * given executor and are rate-limited per URL: at most one attempt per {@code minInterval} (30 s), none while one is
 * in flight. What triggers them: a URL newly in use (pre-fetch), a token naming an unknown {@code kid}
 * ({@link #requestRefresh}), and {@link #refreshDue} (called every few seconds by a timer) for URLs in use once
 * {@code refreshInterval} (10 min) has passed since the last attempt, or {@code retryInterval} (1 min) after a
 * failed one. A set stays cached until a later fetch replaces it: a failed fetch keeps the previous keys.
 */
final class JwksCache {
    private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

    static final Duration MIN_INTERVAL = Duration.ofSeconds(30);
    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(10);
    static final Duration RETRY_INTERVAL = Duration.ofMinutes(1);
    /** URLs requested but not (or no longer) in use are kept only up to this many. */
    static final int MAX_UNLISTED = 1000;

    private final JwksFetcher fetcher;
    private final Executor executor;
    private final Clock clock;
    private final Duration minInterval;
    private final Duration refreshInterval;
    private final Duration retryInterval;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private volatile Set<String> inUse = Set.of();

    JwksCache(JwksFetcher fetcher, Executor executor, Clock clock) {
        this(fetcher, executor, clock, MIN_INTERVAL, REFRESH_INTERVAL, RETRY_INTERVAL);
    }

    JwksCache(JwksFetcher fetcher, Executor executor, Clock clock, Duration minInterval, Duration refreshInterval,
              Duration retryInterval) {
        this.fetcher = Objects.requireNonNull(fetcher);
        this.executor = Objects.requireNonNull(executor);
        this.clock = Objects.requireNonNull(clock);
        this.minInterval = minInterval;
        this.refreshInterval = refreshInterval.compareTo(minInterval) < 0 ? minInterval : refreshInterval;
        this.retryInterval = retryInterval.compareTo(minInterval) < 0 ? minInterval : retryInterval;
    }

    /** One URL's cached set and fetch bookkeeping. */
    static final class Entry {
        final String url;
        volatile IssuerKeySet keys; // null until the first successful fetch
        volatile Instant lastSuccess;
        volatile String lastError;
        // guarded by this
        Instant lastAttempt;
        boolean lastFailed;
        boolean inFlight;

        Entry(String url) {
            this.url = url;
        }
    }

    Optional<JwksKey> cachedKey(String url, String kid) {
        Entry entry = url == null ? null : entries.get(url);
        IssuerKeySet keys = entry == null ? null : entry.keys;
        return keys == null ? Optional.empty() : keys.find(kid);
    }

    void requestRefresh(String url) {
        if (url == null) {
            return;
        }
        Entry entry = entries.get(url);
        if (entry == null) {
            if (!inUse.contains(url) && entries.size() >= inUse.size() + MAX_UNLISTED) {
                return;
            }
            entry = entries.computeIfAbsent(url, Entry::new);
        }
        start(entry);
    }

    /** The URLs in use now: new ones are fetched right away, sets no longer in use are forgotten. */
    void inUse(Collection<String> urls) {
        Set<String> current = Set.copyOf(urls);
        inUse = current;
        entries.keySet().retainAll(current);
        for (String url : current) {
            Entry entry = entries.computeIfAbsent(url, Entry::new);
            if (entry.keys == null) {
                start(entry);
            }
        }
    }

    /** Starts the periodic refreshes (and retries after failures) that are due; called by a timer. */
    void refreshDue() {
        Instant now = clock.instant();
        for (String url : inUse) {
            Entry entry = entries.computeIfAbsent(url, Entry::new);
            boolean due;
            synchronized (entry) {
                due = entry.lastAttempt == null
                        || !now.isBefore(entry.lastAttempt.plus(entry.lastFailed ? retryInterval : refreshInterval));
            }
            if (due) {
                start(entry);
            }
        }
    }

    /** For status pages and tests: the set cached for {@code url}, if any. */
    Optional<IssuerKeySet> keySet(String url) {
        Entry entry = entries.get(url);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.keys);
    }

    /** For status pages and tests: why the last fetch of {@code url} failed, if it did. */
    Optional<String> lastError(String url) {
        Entry entry = entries.get(url);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.lastError);
    }

    private void start(Entry entry) {
        synchronized (entry) {
            Instant now = clock.instant();
            if (entry.inFlight || (entry.lastAttempt != null && now.isBefore(entry.lastAttempt.plus(minInterval)))) {
                return;
            }
            entry.inFlight = true;
            entry.lastAttempt = now;
        }
        try {
            executor.execute(() -> fetch(entry));
        } catch (RejectedExecutionException e) {
            finish(entry, false);
            entry.lastError = "fetch not started: too many JWKS fetches queued";
            LOG.warn("JWKS {} not fetched: too many fetches queued; will retry", entry.url);
        }
    }

    private void fetch(Entry entry) {
        boolean ok = false;
        try {
            IssuerKeySet fetched = JwkSetParser.parse(fetcher.fetch(entry.url));
            IssuerKeySet previous = entry.keys;
            entry.keys = fetched;
            entry.lastSuccess = clock.instant();
            entry.lastError = null;
            ok = true;
            if (previous == null || !previous.byKid().keySet().equals(fetched.byKid().keySet())
                    || previous.all().size() != fetched.all().size()) {
                LOG.info("JWKS {} fetched: {} usable key(s) {}{}", entry.url, fetched.all().size(),
                        fetched.byKid().keySet(), fetched.ignored() == 0 ? ""
                                : ", " + fetched.ignored() + " ignored (not RSA/EC P-256 signing keys)");
            }
            if (fetched.all().isEmpty()) {
                LOG.warn("JWKS {} holds no usable signing key (RSA >= 2048 bits or EC P-256, use \"sig\")",
                        entry.url);
            }
        } catch (IOException | RuntimeException e) {
            entry.lastError = e.getMessage();
            IssuerKeySet kept = entry.keys;
            LOG.warn("JWKS {} could not be fetched: {}{}", entry.url, e.getMessage(),
                    kept == null ? "" : "; still using the " + kept.all().size() + " key(s) fetched before");
        } finally {
            finish(entry, ok);
        }
    }

    private static void finish(Entry entry, boolean ok) {
        synchronized (entry) {
            entry.inFlight = false;
            entry.lastFailed = !ok;
        }
    }
}
