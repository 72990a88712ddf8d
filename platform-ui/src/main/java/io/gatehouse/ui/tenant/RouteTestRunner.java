package io.gatehouse.ui.tenant;

import io.gatehouse.gateway.probe.RouteTestResult;
import io.gatehouse.gateway.probe.RouteTester;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Runs the console's blocking test calls ({@link RouteTester}) on a small pool of their own, never on a request
 * thread holding the Vaadin session lock. A full pool refuses at once instead of queueing for minutes.
 */
@Component
class RouteTestRunner {
    private static final int THREADS = 4;

    private final RouteTester tester;
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(16), runnable -> {
                Thread thread = new Thread(runnable, "console-route-test-" + threadNumber.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    RouteTestRunner(RouteTester tester) {
        this.tester = tester;
        pool.allowCoreThreadTimeOut(true);
    }

    /** Completes with the result, or exceptionally with what the tester threw (e.g. InvalidInputException). */
    CompletableFuture<RouteTestResult> run(String tenant, String route, String method, String subPath, String body) {
        try {
            return CompletableFuture.supplyAsync(() -> tester.test(tenant, route, method, subPath, body),
                    new DelegatingSecurityContextExecutor(pool));
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "too many test calls are running; try again in a moment"));
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
