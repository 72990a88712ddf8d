package io.gatehouse.gateway.proxy;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;

/**
 * The connections of one event loop to one upstream origin. Every method runs on that loop, so there is no locking:
 * a call is forwarded over a connection living on the caller's thread and never hops threads.
 * <p>
 * Idle connections are reused newest first and closed after {@link Limits#maxIdleNanos} (4 s by default) - shorter
 * than common upstream keep-alive timeouts (Node.js 5 s, nginx 75 s), so the gateway does not reuse a connection the
 * upstream is about to close (the stale keep-alive 502). At most {@link Limits#maxConnections} are open; further calls
 * wait in line, at most {@link Limits#maxWaiting} of them and each at most {@link Limits#acquireTimeoutMs}.
 */
final class UpstreamPool {
    /** How far one pool may grow and how long its connections and callers wait; tests use small ones. */
    record Limits(int maxConnections, int maxWaiting, long acquireTimeoutMs, long maxIdleNanos) {
        static final Limits DEFAULT = new Limits(512, 512 * 4, 10_000, TimeUnit.SECONDS.toNanos(4));

        Limits {
            if (maxConnections < 1 || maxWaiting < 0 || acquireTimeoutMs < 1 || maxIdleNanos < 1) {
                throw new IllegalArgumentException("pool limits must be positive: " + maxConnections + " connections, "
                        + maxWaiting + " waiting, " + acquireTimeoutMs + " ms to acquire, " + maxIdleNanos
                        + " ns idle");
            }
        }
    }

    private final EventLoop loop;
    private final String origin;
    private final UpstreamConnector connector;
    private final Limits limits;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<UpstreamExchange> waiting = new ArrayDeque<>();
    private int open;
    private ScheduledFuture<?> sweep;

    UpstreamPool(EventLoop loop, String origin, UpstreamConnector connector, Limits limits) {
        this.loop = loop;
        this.origin = origin;
        this.connector = connector;
        this.limits = limits;
    }

    EventLoop loop() {
        return loop;
    }

    /** Hands the exchange a connection now, opens one for it, or puts it in line. */
    void acquire(UpstreamExchange exchange) {
        UpstreamConnection reusable = takeIdle();
        if (reusable != null) {
            exchange.connectionReady(reusable, true);
            return;
        }
        if (open < limits.maxConnections()) {
            open++;
            connector.open(this, exchange);
            return;
        }
        if (waiting.size() >= limits.maxWaiting()) {
            exchange.acquireFailed(new UpstreamPoolExhaustedException(waiting.size() + " calls already wait for a"
                    + " connection to " + origin));
            return;
        }
        waiting.add(exchange);
        exchange.waitingSince(loop.schedule(() -> {
            if (waiting.remove(exchange)) {
                exchange.acquireFailed(exchange.routeDeadlinePassed()
                        ? UpstreamExchange.routeDeadlineFailure()
                        : new UpstreamPoolExhaustedException("no connection to " + origin + " became free within "
                        + limits.acquireTimeoutMs() + " ms"));
            }
        }, exchange.waitLimitNanos(TimeUnit.MILLISECONDS.toNanos(limits.acquireTimeoutMs())), TimeUnit.NANOSECONDS));
    }

    /** The exchange gave up (cancelled) while in line. */
    void leaveLine(UpstreamExchange exchange) {
        waiting.remove(exchange);
    }

    /** A connection that failed to open (the exchange was told): frees its place. */
    void openFailed() {
        open--;
        serveNextWaiting();
    }

    /** A connection finished an exchange and may carry another. */
    void release(UpstreamConnection connection) {
        UpstreamExchange next = waiting.poll();
        if (next != null) {
            next.connectionReady(connection, true);
            return;
        }
        connection.idleSince(System.nanoTime());
        idle.addFirst(connection);
        if (sweep == null) {
            sweep = loop.schedule(this::closeExpired, limits.maxIdleNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** A connection of this pool closed, idle or not. */
    void closed(UpstreamConnection connection) {
        idle.remove(connection);
        open--;
        serveNextWaiting();
    }

    private void serveNextWaiting() {
        UpstreamExchange next = waiting.poll();
        if (next != null) {
            open++;
            connector.open(this, next);
        }
    }

    private UpstreamConnection takeIdle() {
        long now = System.nanoTime();
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (connection.isOpen() && now - connection.idleSince() < limits.maxIdleNanos()) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private void closeExpired() {
        sweep = null;
        long now = System.nanoTime();
        for (Iterator<UpstreamConnection> it = idle.descendingIterator(); it.hasNext(); ) {
            UpstreamConnection connection = it.next();
            if (now - connection.idleSince() >= limits.maxIdleNanos()) {
                it.remove();
                connection.close();
            }
        }
        if (!idle.isEmpty()) {
            long oldest = idle.peekLast().idleSince();
            sweep = loop.schedule(this::closeExpired, Math.max(1, oldest + limits.maxIdleNanos() - now),
                    TimeUnit.NANOSECONDS);
        }
    }

    /** Closes every idle connection (shutdown); busy ones close with their exchange's end or the loop. */
    void closeIdle() {
        UpstreamConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            connection.close();
        }
    }

    int idleCount() {
        return idle.size();
    }

    int openCount() {
        return open;
    }
}
