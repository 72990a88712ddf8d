package io.gatehouse.gateway.jwks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** Cache, refresh and rate-limit rules of {@link JwksCache}, with a fake clock, fetcher and executor. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class JwksCacheTest {
    static final String URL = "https://idp.example.com/jwks.json";
    static final String OTHER = "https://other.example.com/jwks.json";
    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    static KeyPair k1;
    static KeyPair k2;

    final FakeClock clock = new FakeClock();
    final FakeFetcher fetcher = new FakeFetcher();
    final ManualExecutor executor = new ManualExecutor();
    final JwksCache cache = new JwksCache(fetcher, executor, clock);

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        k1 = generator.generateKeyPair();
        k2 = generator.generateKeyPair();
    }

    static final class FakeClock extends Clock {
        Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Answers per URL with a document or an exception; counts fetches. */
    static final class FakeFetcher implements JwksFetcher {
        final Map<String, Object> answers = new HashMap<>();
        final List<String> fetched = new ArrayList<>();

        @Override
        public byte[] fetch(String url) throws IOException {
            fetched.add(url);
            Object answer = answers.get(url);
            if (answer instanceof IOException e) {
                throw e;
            }
            if (answer == null) {
                throw new JwksFetchException("HTTP 404 (expected 200)");
            }
            return ((String) answer).getBytes(StandardCharsets.UTF_8);
        }

        long count(String url) {
            return fetched.stream().filter(url::equals).count();
        }
    }

    /** Queues tasks until {@link #runAll}; can be told to reject. */
    static final class ManualExecutor implements Executor {
        final Deque<Runnable> queued = new ArrayDeque<>();
        boolean reject;

        @Override
        public void execute(Runnable task) {
            if (reject) {
                throw new RejectedExecutionException("full");
            }
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.poll().run();
            }
        }
    }

    static String jwks(Object... kidAndKey) {
        StringBuilder out = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < kidAndKey.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(new RSAKey.Builder((RSAPublicKey) ((KeyPair) kidAndKey[i + 1]).getPublic())
                    .keyID((String) kidAndKey[i]).build().toJSONString());
        }
        return out.append("]}").toString();
    }

    @Test
    void reading_never_fetches() {
        assertThat(cache.cachedKey(URL, "k1")).isEmpty();
        assertThat(cache.cachedKey(null, "k1")).isEmpty();
        assertThat(executor.queued).isEmpty();
        assertThat(fetcher.fetched).isEmpty();
    }

    @Test
    void a_url_newly_in_use_is_prefetched_in_the_background() {
        fetcher.answers.put(URL, jwks("k1", k1));

        cache.inUse(Set.of(URL));
        assertThat(cache.cachedKey(URL, "k1")).isEmpty(); // not yet: the fetch is only queued
        executor.runAll();

        assertThat(cache.cachedKey(URL, "k1")).hasValueSatisfying(k -> assertThat(k.key()).isEqualTo(k1.getPublic()));
        cache.inUse(Set.of(URL)); // reload with the same URL: already cached, no new fetch
        assertThat(executor.queued).isEmpty();
        assertThat(fetcher.count(URL)).isEqualTo(1);
    }

    @Test
    void an_unknown_kid_refresh_fetches_at_most_once_per_30_seconds() {
        fetcher.answers.put(URL, jwks("k1", k1));
        cache.inUse(Set.of(URL));
        executor.runAll();
        fetcher.answers.put(URL, jwks("k1", k1, "k2", k2));

        for (int i = 0; i < 100; i++) {
            cache.requestRefresh(URL); // a burst of tokens naming an unknown kid
        }
        clock.advance(Duration.ofSeconds(29));
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(fetcher.count(URL)).isEqualTo(1);
        assertThat(cache.cachedKey(URL, "k2")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        cache.requestRefresh(URL);
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(fetcher.count(URL)).isEqualTo(2);
        assertThat(cache.cachedKey(URL, "k2")).isPresent();
    }

    @Test
    void no_second_fetch_starts_while_one_is_in_flight() {
        fetcher.answers.put(URL, jwks("k1", k1));
        cache.requestRefresh(URL);
        clock.advance(Duration.ofMinutes(5));
        cache.requestRefresh(URL);
        cache.refreshDue();

        assertThat(executor.queued).hasSize(1);
        executor.runAll();
        assertThat(fetcher.count(URL)).isEqualTo(1);
    }

    @Test
    void a_successful_fetch_replaces_the_set_so_removed_keys_stop_working() {
        fetcher.answers.put(URL, jwks("k1", k1, "k2", k2));
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(cache.cachedKey(URL, "k1")).isPresent();

        fetcher.answers.put(URL, jwks("k2", k2));
        clock.advance(Duration.ofSeconds(30));
        cache.requestRefresh(URL);
        executor.runAll();

        assertThat(cache.cachedKey(URL, "k1")).isEmpty();
        assertThat(cache.cachedKey(URL, "k2")).isPresent();
    }

    @Test
    void a_failed_fetch_or_a_broken_document_keeps_the_keys_fetched_before() {
        fetcher.answers.put(URL, jwks("k1", k1));
        cache.requestRefresh(URL);
        executor.runAll();

        fetcher.answers.put(URL, new JwksFetchException("connect timed out"));
        clock.advance(Duration.ofSeconds(30));
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(cache.cachedKey(URL, "k1")).isPresent();
        assertThat(cache.lastError(URL)).hasValue("connect timed out");

        fetcher.answers.put(URL, "<html>maintenance</html>");
        clock.advance(Duration.ofSeconds(30));
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(cache.cachedKey(URL, "k1")).isPresent();
        assertThat(cache.lastError(URL)).hasValueSatisfying(e -> assertThat(e).contains("JWK set"));

        fetcher.answers.put(URL, jwks("k1", k1));
        clock.advance(Duration.ofSeconds(30));
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(cache.lastError(URL)).isEmpty();
    }

    @Test
    void sets_in_use_are_refreshed_every_10_minutes_and_retried_a_minute_after_a_failure() {
        fetcher.answers.put(URL, jwks("k1", k1));
        cache.inUse(Set.of(URL));
        executor.runAll();

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        cache.refreshDue();
        assertThat(executor.queued).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        fetcher.answers.put(URL, new JwksFetchException("HTTP 503 (expected 200)"));
        cache.refreshDue();
        executor.runAll();
        assertThat(fetcher.count(URL)).isEqualTo(2);
        assertThat(cache.cachedKey(URL, "k1")).isPresent();

        clock.advance(Duration.ofSeconds(59));
        cache.refreshDue();
        assertThat(executor.queued).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        fetcher.answers.put(URL, jwks("k2", k2));
        cache.refreshDue();
        executor.runAll();
        assertThat(fetcher.count(URL)).isEqualTo(3);
        assertThat(cache.cachedKey(URL, "k2")).isPresent();
    }

    @Test
    void only_urls_in_use_are_refreshed_periodically_and_others_are_forgotten() {
        fetcher.answers.put(URL, jwks("k1", k1));
        fetcher.answers.put(OTHER, jwks("k2", k2));
        cache.inUse(Set.of(URL, OTHER));
        executor.runAll();
        assertThat(cache.cachedKey(OTHER, "k2")).isPresent();

        cache.inUse(Set.of(URL)); // the credential using OTHER was revoked
        assertThat(cache.cachedKey(OTHER, "k2")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        cache.refreshDue();
        executor.runAll();
        assertThat(fetcher.count(URL)).isEqualTo(2);
        assertThat(fetcher.count(OTHER)).isEqualTo(1);
    }

    @Test
    void a_full_fetch_queue_is_survived_and_retried_later() {
        fetcher.answers.put(URL, jwks("k1", k1));
        executor.reject = true;
        cache.inUse(Set.of(URL));
        assertThat(cache.lastError(URL)).hasValueSatisfying(e -> assertThat(e).contains("queued"));

        executor.reject = false;
        cache.requestRefresh(URL); // within 30 s of the attempt: still rate-limited
        assertThat(executor.queued).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        cache.refreshDue();
        executor.runAll();
        assertThat(cache.cachedKey(URL, "k1")).isPresent();
    }

    @Test
    void a_token_without_kid_gets_the_only_key_of_a_single_key_set() {
        fetcher.answers.put(URL, jwks("k1", k1));
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(cache.cachedKey(URL, null)).isPresent();

        fetcher.answers.put(URL, jwks("k1", k1, "k2", k2));
        clock.advance(Duration.ofSeconds(30));
        cache.requestRefresh(URL);
        executor.runAll();
        assertThat(cache.cachedKey(URL, null)).isEmpty();
    }
}
