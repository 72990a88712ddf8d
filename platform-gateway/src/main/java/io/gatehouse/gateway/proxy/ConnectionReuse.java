package io.gatehouse.gateway.proxy;

/**
 * Whether an attempt went out on a pooled connection that had already carried a request. An upstream may close an
 * idle keep-alive connection just as the gateway reuses it (the idle keep-alive race); such a failure says nothing
 * about the upstream's health, so the forwarder retries it once on a fresh connection.
 */
final class ConnectionReuse {
    private volatile boolean reused;

    boolean reused() {
        return reused;
    }

    /** Set by the client when it hands the attempt a connection: true when it came from the idle pool. */
    void connectionTaken(boolean fromIdlePool) {
        reused = fromIdlePool;
    }
}
