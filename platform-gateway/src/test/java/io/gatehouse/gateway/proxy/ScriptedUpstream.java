package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.route.UpstreamTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An upstream on a raw socket that plays a script per accepted connection: the n-th connection runs the n-th script
 * (the last one again for any further connection), so a test decides byte for byte what the client gets - a clean
 * answer, a hang, a close in the middle of a head or a body, garbage, a malformed chunk.
 */
final class ScriptedUpstream implements AutoCloseable {
    /** What the upstream does on one connection; returning ends nothing (the connection stays open until closed). */
    @FunctionalInterface
    interface Script {
        void play(UpstreamSocket socket) throws Exception;
    }

    /** Reads the request, then never answers. */
    static Script readThenHang() {
        return readThenHang(new CountDownLatch(1));
    }

    /** Reads the request, says so through {@code requestRead}, then never answers: a connection kept busy. */
    static Script readThenHang(CountDownLatch requestRead) {
        return socket -> {
            socket.readRequest();
            requestRead.countDown();
            socket.hang();
        };
    }

    private final ServerSocket server;
    private final List<Script> scripts;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final List<UpstreamSocket> accepted = new CopyOnWriteArrayList<>();
    private final BlockingQueue<UpstreamSocket> arrivals = new LinkedBlockingQueue<>();
    private final List<Throwable> scriptFailures = new CopyOnWriteArrayList<>();

    ScriptedUpstream(Script... perConnection) throws IOException {
        if (perConnection.length == 0) {
            throw new IllegalArgumentException("at least one script");
        }
        this.scripts = List.of(perConnection);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException closed) {
                return;
            }
            UpstreamSocket upstreamSocket = new UpstreamSocket(socket, accepted.size());
            Script script = scripts.get(Math.min(accepted.size(), scripts.size() - 1));
            accepted.add(upstreamSocket);
            arrivals.add(upstreamSocket);
            threads.execute(() -> {
                try {
                    script.play(upstreamSocket);
                } catch (Throwable failure) {
                    if (!upstreamSocket.isClosed() && !server.isClosed()) {
                        scriptFailures.add(failure);
                    }
                }
            });
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** An http target on this upstream. */
    UpstreamTarget target() {
        return new UpstreamTarget("http://127.0.0.1:" + port(), "http", "127.0.0.1", port(), "", 1);
    }

    /** An https target on this upstream (it must then speak TLS, or fail the handshake as a test wants). */
    UpstreamTarget httpsTarget() {
        return new UpstreamTarget("https://127.0.0.1:" + port(), "https", "127.0.0.1", port(), "", 1);
    }

    /** Connections accepted so far. */
    int acceptedCount() {
        return accepted.size();
    }

    /** The n-th accepted connection (0-based), waiting for it at most two seconds. */
    UpstreamSocket connection(int index) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (accepted.size() <= index) {
            if (arrivals.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS) == null) {
                throw new AssertionError("the upstream accepted " + accepted.size() + " connections, expected at least "
                        + (index + 1));
            }
        }
        return accepted.get(index);
    }

    /** Failures of scripts that were not caused by a closed socket: the upstream did not see what a test expected. */
    List<Throwable> scriptFailures() {
        return List.copyOf(scriptFailures);
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (UpstreamSocket socket : accepted) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
