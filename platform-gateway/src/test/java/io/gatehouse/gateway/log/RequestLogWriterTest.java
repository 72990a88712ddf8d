package io.gatehouse.gateway.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.auth.tenant.TenantChanged;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pipeline against a real (in-memory H2) database that can be taken down or paused. */
class RequestLogWriterTest {
    private final TestDatabase db = new TestDatabase();
    private RequestLogWriter writer;

    private RequestLogWriter start(int capacity, int batchSize, Duration shutdownTimeout) {
        writer = new RequestLogWriter(db, new RequestLogSettings(capacity, batchSize, Duration.ofMillis(200), shutdownTimeout));
        writer.start();
        return writer;
    }

    @AfterEach
    void stop() {
        db.up();
        if (writer != null) {
            writer.stop();
        }
    }

    private static void assertConsistent(RequestLogCounters c) {
        assertThat(c.accepted()).isEqualTo(c.persisted() + c.dropped() + c.queued());
        assertThat(c.queued()).isNotNegative();
    }

    @Test
    void underConcurrentLoadTheCountersAddUpExactlyAndEveryPersistedRecordIsARow() throws Exception {
        db.tenant("acme");
        start(200_000, 500, Duration.ofSeconds(10));
        int threads = 4;
        int perThread = 10_000;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong readings = new java.util.concurrent.atomic.AtomicLong();
        Thread reader = new Thread(() -> {
            RequestLogCounters previous = writer.counters();
            try {
                while (!done.get()) {
                    RequestLogCounters now = writer.counters(); // the record's constructor checks the sum
                    if (now.accepted() < previous.accepted() || now.persisted() < previous.persisted()
                            || now.dropped() != 0) {
                        throw new AssertionError(previous + " then " + now);
                    }
                    previous = now;
                    readings.incrementAndGet();
                    Thread.onSpinWait();
                }
            } catch (Throwable t) {
                readerFailure.set(t);
            }
        });
        reader.start();
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * perThread;
            Thread producer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    writer.accept(TestDatabase.record("acme", base + i));
                }
            });
            producers.add(producer);
            producer.start();
        }
        for (Thread producer : producers) {
            producer.join();
        }

        assertThat(writer.awaitDrained(Duration.ofSeconds(60))).isTrue();
        done.set(true);
        reader.join();

        assertThat(readerFailure.get()).isNull();
        assertThat(readings.get()).isGreaterThan(1_000);
        RequestLogCounters c = writer.counters();
        assertThat(c).isEqualTo(new RequestLogCounters(threads * perThread, threads * perThread, 0, 0));
        assertThat(db.count("")).isEqualTo(threads * perThread);
        assertThat(db.count("tenant_id IS NULL")).isZero();
    }

    @Test
    void whileTheDatabaseIsDownTheQueueFillsThenDropsAreCountedAndWritingResumesAfterwards() throws Exception {
        db.tenant("acme");
        db.down();
        start(1_000, 100, Duration.ofSeconds(10));

        long started = System.nanoTime();
        for (int i = 0; i < 3_000; i++) {
            writer.accept(TestDatabase.record("acme", i));
        }
        long acceptNanos = System.nanoTime() - started;
        Thread.sleep(300);

        RequestLogCounters during = writer.counters();
        assertConsistent(during);
        assertThat(during.accepted()).isEqualTo(3_000);
        assertThat(during.persisted()).isZero();
        // the queue holds 1000 and the writer at most one batch of 100 it keeps retrying
        assertThat(during.queued()).isBetween(1_000L, 1_100L);
        assertThat(during.dropped()).isEqualTo(3_000 - during.queued());
        assertThat(acceptNanos).as("accept never waits for the database").isLessThan(Duration.ofSeconds(1).toNanos());

        db.up();
        assertThat(writer.awaitDrained(Duration.ofSeconds(10))).isTrue();

        RequestLogCounters after = writer.counters();
        assertThat(after.persisted()).isEqualTo(during.queued());
        assertThat(after.dropped()).isEqualTo(during.dropped());
        assertThat(db.count("")).isEqualTo(after.persisted());
        for (int i = 0; i < 500; i++) {
            writer.accept(TestDatabase.record("acme", 10_000 + i));
        }
        assertThat(writer.awaitDrained(Duration.ofSeconds(10))).isTrue();
        assertThat(writer.counters().dropped()).isEqualTo(during.dropped());
        assertThat(db.count("")).isEqualTo(after.persisted() + 500);
    }

    @Test
    void aDatabaseThatHangsDoesNotSlowAcceptAndNothingIsLostWhileTheQueueHasRoom() throws Exception {
        db.tenant("acme");
        db.pause();
        start(50_000, 500, Duration.ofSeconds(10));

        long started = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            writer.accept(TestDatabase.record("acme", i));
        }
        long acceptNanos = System.nanoTime() - started;
        assertThat(writer.counters().persisted()).isZero();
        assertThat(acceptNanos).isLessThan(Duration.ofSeconds(1).toNanos());

        db.up();
        assertThat(writer.awaitDrained(Duration.ofSeconds(20))).isTrue();
        assertThat(writer.counters()).isEqualTo(new RequestLogCounters(20_000, 20_000, 0, 0));
        assertThat(db.count("")).isEqualTo(20_000);
    }

    @Test
    void stoppingWritesEverythingStillQueued() {
        db.tenant("acme");
        db.pause();
        start(50_000, 500, Duration.ofSeconds(20));
        for (int i = 0; i < 30_000; i++) {
            writer.accept(TestDatabase.record("acme", i));
        }
        db.up();

        writer.stop();

        assertThat(writer.counters()).isEqualTo(new RequestLogCounters(30_000, 30_000, 0, 0));
        assertThat(db.count("")).isEqualTo(30_000);
        assertThat(writer.isRunning()).isFalse();
    }

    @Test
    void stoppingWhileTheDatabaseStaysDownGivesUpAfterTheTimeoutAndCountsTheLossAsDropped() {
        db.down();
        start(10_000, 100, Duration.ofMillis(500));
        for (int i = 0; i < 5_000; i++) {
            writer.accept(TestDatabase.record("acme", i));
        }

        long started = System.nanoTime();
        writer.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(writer.counters()).isEqualTo(new RequestLogCounters(5_000, 0, 5_000, 0));
    }

    @Test
    void recordsArrivingAfterStopAreCountedAsDropped() {
        start(100, 10, Duration.ofSeconds(1));
        writer.stop();

        writer.accept(TestDatabase.record("acme", 1));

        assertThat(writer.counters()).isEqualTo(new RequestLogCounters(1, 0, 1, 0));
    }

    @Test
    void callsToAnUnknownTenantAreStoredWithoutATenantIdAndWithTheSlugFromTheUrl() throws Exception {
        db.tenant("acme");
        start(100, 10, Duration.ofSeconds(1));

        writer.accept(TestDatabase.record("acme", 1));
        writer.accept(TestDatabase.record("no-such-tenant", 2));
        writer.accept(TestDatabase.record(null, 3));
        assertThat(writer.awaitDrained(Duration.ofSeconds(5))).isTrue();

        assertThat(db.count("tenant_id IS NOT NULL AND tenant_slug = 'acme'")).isEqualTo(1);
        assertThat(db.count("tenant_id IS NULL AND tenant_slug = 'no-such-tenant'")).isEqualTo(1);
        assertThat(db.count("tenant_id IS NULL AND tenant_slug IS NULL")).isEqualTo(1);
    }

    @Test
    void aTenantCreatedAfterItsSlugWasCalledGetsItsNextCallsWithoutBeingAnnounced() throws Exception {
        start(100, 10, Duration.ofSeconds(1));
        writer.accept(TestDatabase.record("late", 1));
        assertThat(writer.awaitDrained(Duration.ofSeconds(5))).isTrue();

        db.tenant("late"); // no TenantChanged: a slug without a tenant is looked up on every batch
        writer.accept(TestDatabase.record("late", 2));
        assertThat(writer.awaitDrained(Duration.ofSeconds(5))).isTrue();

        assertThat(db.count("tenant_id IS NULL AND tenant_slug = 'late'")).isEqualTo(1);
        assertThat(db.count("tenant_id = " + tenantId("late"))).isEqualTo(1);
    }

    @Test
    void aKnownTenantIdIsKeptUntilATenantChangesThenLookedUpAgain() throws Exception {
        db.tenant("acme");
        long oldId = tenantId("acme");
        start(100, 10, Duration.ofSeconds(1));
        writer.accept(TestDatabase.record("acme", 1));
        assertThat(writer.awaitDrained(Duration.ofSeconds(5))).isTrue();

        db.execute("DELETE FROM tenant WHERE slug = 'acme'");
        db.tenant("acme");
        writer.accept(TestDatabase.record("acme", 2));
        assertThat(writer.awaitDrained(Duration.ofSeconds(5))).isTrue();
        writer.onTenantChanged(new TenantChanged("acme"));
        writer.accept(TestDatabase.record("acme", 3));
        assertThat(writer.awaitDrained(Duration.ofSeconds(5))).isTrue();

        // the second call was written before the change was announced: it went under the id still known
        assertThat(db.count("tenant_id = " + oldId)).isEqualTo(2);
        assertThat(db.count("tenant_id = " + tenantId("acme"))).isEqualTo(1);
    }

    private long tenantId(String slug) {
        return new org.springframework.jdbc.core.JdbcTemplate(db)
                .queryForObject("SELECT id FROM tenant WHERE slug = ?", Long.class, slug);
    }

    @Test
    void onlyDataErrorsCountAsBadRows() {
        assertThat(RequestLogWriter.isBadData(new SQLException("too long", "22001"))).isTrue();
        assertThat(RequestLogWriter.isBadData(new RuntimeException(new SQLException("dup", "23505")))).isTrue();
        assertThat(RequestLogWriter.isBadData(new SQLException("refused", "08001"))).isFalse();
        assertThat(RequestLogWriter.isBadData(new IllegalStateException("pool closed"))).isFalse();
    }
}
