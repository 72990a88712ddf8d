package io.gatehouse.gateway.log;

import io.gatehouse.auth.tenant.TenantChanged;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The request log pipeline: {@link #accept} puts a record in a bounded in-memory queue and returns (it runs on the
 * gateway's event loop and never blocks or touches the database); one writer thread drains the queue in JDBC
 * batches. A full queue drops the record (counted, warned at most once a second). While the database is unavailable
 * the writer retries the same batch with capped exponential backoff and requests keep flowing; the queue absorbs the
 * outage until it is full. A row the database refuses as bad data (SQL state 22/23) is dropped alone, counted.
 * Rows go into {@code request_log_block} as blocks of calls ({@link LogBlocks}); calls logged by an earlier version
 * are moved into blocks by this thread too, a chunk between batches ({@link LegacyLogRows}).
 *
 * <p>Counters: {@link #counters()} always satisfies {@code accepted = persisted + dropped + queued}. Every record
 * increments {@code accepted} before it can reach {@code persisted} or {@code dropped}; a reading takes
 * {@code dropped}, then {@code persisted}, then {@code accepted}, and computes {@code queued} from them, so it is
 * never negative and the sum holds by construction.
 *
 * <p>Lifecycle: starts before and stops after the gateway listener ({@link #PHASE} is below the default phase the
 * {@code GatewayServer} uses), so the listener's last calls are queued before the final flush. Stopping writes what
 * is queued, waiting up to the shutdown timeout; what cannot be written by then is counted as dropped and logged.
 */
@Component
public class RequestLogWriter implements CallRecordSink, SmartLifecycle {
    /** Stops after the gateway listener (default phase {@value SmartLifecycle#DEFAULT_PHASE}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 100;
    private static final Logger LOG = LoggerFactory.getLogger(RequestLogWriter.class);
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long DB_WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    /**
     * How long the writer lets a batch fill after its first record. Writing each record as it comes costs several
     * times as much per row (a transaction, a connection checkout and a wake-up of this thread by every request);
     * while the writer sleeps, queueing a record wakes nobody.
     */
    static final long LINGER_MS = 20;
    private static final long LEGACY_RETRY_MS = 1_000;

    private final DataSource dataSource;
    private final RequestLogSettings settings;
    private final ArrayBlockingQueue<CallRecord> queue;
    private final TenantIds tenantIds = new TenantIds();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong persisted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lastDropWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final Object lifecycle = new Object();
    private volatile boolean stopping;
    private volatile boolean closed;
    private volatile long stopDeadlineNanos;
    private volatile Thread thread;
    private long lastDbWarning = System.nanoTime() - DB_WARN_EVERY_NANOS;
    private boolean failing;
    private long legacyRowsMoved;

    @Autowired
    RequestLogWriter(DataSource dataSource,
                     @Value("${platform.request-log.queue-capacity:50000}") int queueCapacity,
                     @Value("${platform.request-log.batch-size:500}") int batchSize,
                     @Value("${platform.request-log.max-backoff-ms:5000}") long maxBackoffMs,
                     @Value("${platform.request-log.shutdown-timeout-ms:10000}") long shutdownTimeoutMs) {
        this(dataSource, new RequestLogSettings(queueCapacity, batchSize, Duration.ofMillis(maxBackoffMs),
                Duration.ofMillis(shutdownTimeoutMs)));
    }

    public RequestLogWriter(DataSource dataSource, RequestLogSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    }

    @Override
    public void accept(CallRecord record) {
        accepted.incrementAndGet();
        if (closed || !queue.offer(record)) {
            drop(1);
            warnDropped();
            return;
        }
        if (closed && queue.remove(record)) {
            // stop() finished draining between our check and the offer: nobody will write this record
            drop(1);
        }
    }

    /** Blocks are stored under the tenant id a slug has when they are written: a change may make a known id stale. */
    @TransactionalEventListener(fallbackExecution = true)
    void onTenantChanged(TenantChanged event) {
        tenantIds.forget();
    }

    /** A consistent reading of the counters (see the class comment). */
    public RequestLogCounters counters() {
        long d = dropped.get();
        long p = persisted.get();
        long a = accepted.get();
        return new RequestLogCounters(a, p, d, a - p - d);
    }

    public RequestLogSettings settings() {
        return settings;
    }

    /** Waits until everything accepted so far is persisted or dropped; true when that happened within the timeout. */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counters().queued() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void start() {
        synchronized (lifecycle) {
            if (thread != null || closed) {
                return;
            }
            Thread t = new Thread(this::drainLoop, "request-log-writer");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            Thread t = thread;
            if (t == null) {
                closed = true;
                return;
            }
            stopDeadlineNanos = System.nanoTime() + settings.shutdownTimeout().toNanos();
            stopping = true;
            try {
                t.join(settings.shutdownTimeout().toMillis() + 2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
            List<CallRecord> left = new ArrayList<>();
            queue.drainTo(left);
            if (!left.isEmpty()) {
                drop(left.size());
                LOG.error("request log: {} records could not be written before shutdown and are lost", left.size());
            }
            thread = null;
            RequestLogCounters c = counters();
            LOG.info("request log stopped: {} accepted, {} persisted, {} dropped", c.accepted(), c.persisted(),
                    c.dropped());
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null && !stopping;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void drainLoop() {
        List<CallRecord> batch = new ArrayList<>(settings.batchSize());
        boolean legacyRowsLeft = true;
        while (true) {
            if (legacyRowsLeft && !stopping) {
                legacyRowsLeft = moveLegacyRows();
            }
            CallRecord first;
            try {
                first = queue.poll(legacyRowsLeft ? 0 : 100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            batch.add(first);
            if (queue.size() < settings.batchSize() - 1 && !stopping) {
                sleep(LINGER_MS);
            }
            queue.drainTo(batch, settings.batchSize() - 1);
            writeWithRetry(batch);
            batch.clear();
        }
    }

    /**
     * Moves one chunk of rows logged before blocks existed ({@link LegacyLogRows}); true while more may be left. A
     * database error is logged and the chunk tried again on a later turn (after a pause, so a database that is down
     * is not hammered).
     */
    private boolean moveLegacyRows() {
        try {
            int moved = LegacyLogRows.moveChunk(dataSource);
            legacyRowsMoved += moved;
            if (moved == 0 && legacyRowsMoved > 0) {
                LOG.info("request log: moved {} calls logged by an earlier version into blocks", legacyRowsMoved);
            }
            return moved > 0;
        } catch (SQLException | RuntimeException e) {
            warnDatabase(e, LEGACY_RETRY_MS);
            sleep(LEGACY_RETRY_MS);
            return true;
        }
    }

    private void writeWithRetry(List<CallRecord> batch) {
        long backoffMs = 50;
        while (!batch.isEmpty()) {
            try {
                insertBatch(batch);
                persisted.addAndGet(batch.size());
                batch.clear();
            } catch (SQLException | RuntimeException e) {
                if (isBadData(e)) {
                    insertOneByOne(batch);
                    continue;
                }
                if (stopping && System.nanoTime() > stopDeadlineNanos) {
                    drop(batch.size());
                    LOG.error("request log: database still unavailable at shutdown; {} records lost: {}", batch.size(),
                            e.toString());
                    batch.clear();
                    return;
                }
                warnDatabase(e, backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(Math.max(1, settings.maxBackoff().toMillis()), backoffMs * 2);
                continue;
            }
            if (failing) {
                failing = false;
                LOG.info("request log: database reachable again; writing resumed");
            }
        }
    }

    /** Inserts rows one at a time, dropping (and counting) each the database refuses as bad data. */
    private void insertOneByOne(List<CallRecord> batch) {
        Iterator<CallRecord> it = batch.iterator();
        while (it.hasNext()) {
            CallRecord record = it.next();
            try {
                insertBatch(List.of(record));
                persisted.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                if (!isBadData(e)) {
                    return;
                }
                drop(1);
                LOG.warn("request log: dropped the record of request {}: the database refused it ({})",
                        record.requestId(), e.toString());
            }
            it.remove();
        }
    }

    private void insertBatch(List<CallRecord> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                LogBlocks.insert(c, batch, tenantIds);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is likely broken; the pool discards it
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // as above
                }
            }
        }
    }

    /** SQL state class 22 (data exception) or 23 (integrity constraint): retrying the same row cannot succeed. */
    static boolean isBadData(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    String state = s.getSQLState();
                    if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void drop(int count) {
        dropped.addAndGet(count);
    }

    private void warnDropped() {
        long now = System.nanoTime();
        long last = lastDropWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastDropWarning.compareAndSet(last, now)) {
            LOG.warn("request log queue is full ({} records): dropping new records, {} dropped so far; the database "
                    + "is slow or unavailable, or platform.request-log.queue-capacity is too small",
                    settings.queueCapacity(), dropped.get());
        }
    }

    private void warnDatabase(Throwable e, long backoffMs) {
        long now = System.nanoTime();
        if (!failing || now - lastDbWarning >= DB_WARN_EVERY_NANOS) {
            lastDbWarning = now;
            LOG.warn("request log: cannot write to the database ({}); retrying in {} ms, {} records waiting",
                    e.toString(), backoffMs, queue.size());
        }
        failing = true;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
