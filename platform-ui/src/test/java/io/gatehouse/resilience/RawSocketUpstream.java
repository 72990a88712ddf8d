package io.gatehouse.resilience;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A misbehaving HTTP/1.1 upstream on a plain {@link ServerSocket} (127.0.0.1, ephemeral port). Every accepted
 * connection runs {@link Script#serve} on its own thread; the script reads requests with {@link Conn#readRequest()}
 * and answers with arbitrary bytes - garbage, half a head, a reset, nothing at all. Counts connections and requests
 * (hits: request heads fully read) and lets a test wait for a number of hits without sleeping.
 */
final class RawSocketUpstream implements AutoCloseable {
    /** What to do with one accepted connection. */
    interface Script {
        void serve(Conn conn) throws Exception;
    }

    /** What to do with one request; called for every request read on a connection until the script returns false. */
    interface RequestScript {
        /** @return true to read the next request on this connection, false to stop serving it (it is then closed) */
        boolean answer(Request request, Conn conn) throws Exception;
    }

    /** A request as read off the socket. {@code hit} is 1-based across all connections. */
    record Request(int hit, int connection, String method, String target, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "raw-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Object hitMonitor = new Object();
    /** Connections accepted so far. */
    final AtomicInteger connections = new AtomicInteger();
    /** Request heads fully read so far (across connections). */
    final AtomicInteger hits = new AtomicInteger();

    RawSocketUpstream(Script script) throws IOException {
        server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        threads.execute(() -> acceptLoop(script));
    }

    /** A script that answers every request on every connection with {@code script} until it returns false. */
    static RawSocketUpstream perRequest(RequestScript script) throws IOException {
        return new RawSocketUpstream(conn -> {
            Request request;
            while ((request = conn.readRequest()) != null) {
                if (!script.answer(request, conn)) {
                    return;
                }
            }
        });
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** Waits until at least {@code count} request heads have been read; false on timeout. */
    boolean awaitHits(int count, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (hitMonitor) {
            while (hits.get() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                hitMonitor.wait(left);
            }
            return true;
        }
    }

    /** Closes the listener and every connection still open (with a FIN), ending any script that hangs. */
    @Override
    public void close() {
        closed.countDown();
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }

    private void acceptLoop(Script script) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            int index = connections.incrementAndGet();
            open.add(socket);
            threads.execute(() -> {
                Conn conn = new Conn(socket, index);
                try {
                    script.serve(conn);
                } catch (Exception e) {
                    // the script may break the connection on purpose; the gateway may close it too
                } finally {
                    conn.close();
                }
            });
        }
    }

    /** One accepted connection, with the moves a misbehaving upstream can make. */
    final class Conn {
        private final Socket socket;
        private final int index;
        private final PushbackInputStream in;
        private final OutputStream out;

        Conn(Socket socket, int index) {
            this.socket = socket;
            this.index = index;
            try {
                socket.setTcpNoDelay(true);
                this.in = new PushbackInputStream(socket.getInputStream(), 1);
                this.out = socket.getOutputStream();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        int index() {
            return index;
        }

        /** Reads one request (head and Content-Length or chunked body); null when the peer closed the connection. */
        Request readRequest() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int matched = 0;
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return null;
                }
                head.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).strip());
                }
            }
            byte[] body = readBody(headers);
            int hit = hits.incrementAndGet();
            synchronized (hitMonitor) {
                hitMonitor.notifyAll();
            }
            return new Request(hit, index, requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers, body);
        }

        private byte[] readBody(Map<String, String> headers) throws IOException {
            String length = headers.get("content-length");
            if (length != null) {
                return in.readNBytes(Integer.parseInt(length.strip()));
            }
            if (!"chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
                return new byte[0];
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            while (true) {
                String sizeLine = readLine();
                int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
                if (size == 0) {
                    while (!readLine().isEmpty()) {
                        // trailers
                    }
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                readLine();
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.ISO_8859_1);
        }

        void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** A complete keep-alive response with a Content-Length body. */
        void respond(int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            write("HTTP/1.1 " + status + " X\r\nContent-Type: text/plain\r\nContent-Length: " + bytes.length + "\r\n\r\n");
            write(bytes);
        }

        /** Aborts the connection with a TCP RST instead of a FIN. */
        void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }

        /**
         * Keep-alive idle timeout: waits up to {@code idleMs} for the next request to start and closes the connection
         * (with a FIN) when none does. Returns true when it closed the connection.
         */
        boolean closeIfIdleFor(int idleMs) throws IOException {
            socket.setSoTimeout(idleMs);
            try {
                int b = in.read();
                if (b < 0) {
                    close();
                    return true;
                }
                in.unread(b);
                socket.setSoTimeout(0);
                return false;
            } catch (SocketTimeoutException e) {
                close();
                return true;
            }
        }

        /** Blocks until the upstream is closed, neither reading nor writing. */
        void hang() throws InterruptedException {
            closed.await();
        }

        /** Blocks until the peer closes the connection (reading and discarding whatever it sends) or the upstream closes. */
        void awaitPeerClose() {
            try {
                byte[] sink = new byte[1024];
                while (in.read(sink) >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // reset or closed by close()
            }
        }

        void close() {
            open.remove(socket);
            try {
                socket.close();
            } catch (SocketException ignored) {
                // already closed
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
