package io.gatehouse.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An upstream on 127.0.0.1 whose answer to the n-th request (1-based) is scripted; counts every hit. */
final class ScriptedUpstream implements AutoCloseable {
    interface Script {
        void answer(int hit, HttpExchange exchange) throws Exception;
    }

    private final HttpServer server;
    final AtomicInteger hits = new AtomicInteger();

    ScriptedUpstream(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            int hit = hits.incrementAndGet();
            try {
                exchange.getRequestBody().readAllBytes();
                script.answer(hit, exchange);
            } catch (Exception e) {
                // the script may abort the exchange on purpose
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes();
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
