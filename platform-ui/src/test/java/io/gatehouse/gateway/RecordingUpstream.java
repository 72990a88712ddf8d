package io.gatehouse.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-process upstream on 127.0.0.1 that records every request (method, raw path and query, headers, body) and
 * echoes the body back. A caller steers the answer with request headers: {@code X-Respond-Status: 201} sets the
 * status, each {@code X-Respond-Header: Name: value} adds a response header.
 */
public final class RecordingUpstream implements AutoCloseable {

    /** One request as the upstream saw it; header names lower-cased. */
    public record Received(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "recording-upstream");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();

    public RecordingUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code basePath}. */
    public String url(String basePath) {
        return "http://127.0.0.1:" + port() + basePath;
    }

    /** The next request the upstream received, waiting a little for it; fails when none arrives. */
    public Received next() {
        try {
            Received next = received.poll(5, TimeUnit.SECONDS);
            if (next == null) {
                throw new AssertionError("the upstream received no request within 5 s");
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** True when no request arrived within {@code wait}. */
    public boolean nothingReceivedWithin(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    public void clear() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), headers, body));

        Headers reply = exchange.getResponseHeaders();
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        reply.set("Content-Type", contentType == null ? "application/octet-stream" : contentType);
        reply.set("X-Upstream-Path", exchange.getRequestURI().getRawPath());
        for (String header : exchange.getRequestHeaders().getOrDefault("X-Respond-Header", List.of())) {
            int colon = header.indexOf(':');
            reply.add(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        String status = exchange.getRequestHeaders().getFirst("X-Respond-Status");
        int code = status == null ? 200 : Integer.parseInt(status);
        boolean noBody = code == 204 || code == 304 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(code, noBody ? -1 : (body.length == 0 ? -1 : body.length));
        if (!noBody && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
