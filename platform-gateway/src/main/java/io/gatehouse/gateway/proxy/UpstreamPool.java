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
 * Idle connections are reused newest first and closed after {@link #MAX_IDLE_NANOS} - shorter than common upstream
 * keep-alive timeouts (Node.js 5 s, nginx 75 s), so the gateway does not reuse a connection the upstream is about
 * to close (the stale keep-alive 502). At most {@link #MAX_CONNECTIONS} are open; further calls wait in line, at most
 * {@link #MAX_WAITING} of them and each at most {@link #ACQUIRE_TIMEOUT_MS}.
 */
final class UpstreamPool {
    static final int MAX_CONNECTIONS = 512;
    static final int MAX_WAITING = MAX_CONNECTIONS * 4;
    static final long ACQUIRE_TIMEOUT_MS = 10_000;
    static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);

    private final EventLoop loop;
    private final String origin;
    private final UpstreamConnector connector;
    private final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<UpstreamExchange> waiting = new ArrayDeque<>();
    private int open;
    private ScheduledFuture<?> sweep;

    UpstreamPool(EventLoop loop, String origin, UpstreamConnector connector) {
        this.loop = loop;
        this.origin = origin;
        this.connector = connector;
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
        if (open < MAX_CONNECTIONS) {
            open++;
            connector.open(this, exchange);
            return;
        }
        if (waiting.size() >= MAX_WAITING) {
            exchange.acquireFailed(new UpstreamPoolExhaustedException(waiting.size() + " calls already wait for a"
                    + " connection to " + origin));
            return;
        }
        waiting.add(exchange);
        exchange.waitingSince(loop.schedule(() -> {
            if (waiting.remove(exchange)) {
                exchange.acquireFailed(new UpstreamPoolExhaustedException("no connection to " + origin
                        + " became free within " + ACQUIRE_TIMEOUT_MS + " ms"));
            }
        }, ACQUIRE_TIMEOUT_MS, TimeUnit.MILLISECONDS));
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
            sweep = loop.schedule(this::closeExpired, MAX_IDLE_NANOS, TimeUnit.NANOSECONDS);
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
            if (connection.isOpen() && now - connection.idleSince() < MAX_IDLE_NANOS) {
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
            if (now - connection.idleSince() >= MAX_IDLE_NANOS) {
                it.remove();
                connection.close();
            }
        }
        if (!idle.isEmpty()) {
            long oldest = idle.peekLast().idleSince();
            sweep = loop.schedule(this::closeExpired, Math.max(1, oldest + MAX_IDLE_NANOS - now),
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
