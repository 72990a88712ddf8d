package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's buffer leak detector at PARANOID level for a test class, with its reports collected instead of only
 * logged: every ByteBuf allocated is tracked, and a buffer garbage-collected without {@code release()} is a leak.
 * <p>
 * A leak is found only once the buffer is collected and the detector next tracks a buffer, so {@link #assertNone}
 * runs the collector and allocates until the reports settle. Register it with {@code @RegisterExtension} and release
 * every buffer a test receives; a test fails when a report arrived during it.
 */
final class LeakReports implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final List<String> REPORTS = new CopyOnWriteArrayList<>();
    private static volatile boolean listening;
    private ResourceLeakDetector.Level levelBefore;

    @Override
    public void beforeAll(ExtensionContext context) {
        levelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        listen();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ResourceLeakDetector.setLevel(levelBefore);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws InterruptedException {
        collect(); // leaks of earlier classes in this JVM are not this test's
        REPORTS.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        if (context.getExecutionException().isEmpty()) {
            assertNone();
        }
    }

    /** Fails with the detector's records when a buffer was garbage-collected unreleased since the test began. */
    static void assertNone() throws InterruptedException {
        collect();
        if (!REPORTS.isEmpty()) {
            List<String> found = List.copyOf(REPORTS);
            REPORTS.clear();
            throw new AssertionError(found.size() + " ByteBuf leak(s) reported by Netty's leak detector:\n"
                    + String.join("\n----\n", found));
        }
    }

    /** Reports recorded since the test began (for a test that proves the detector sees a leak). */
    static List<String> reports() {
        return List.copyOf(REPORTS);
    }

    static void clear() {
        REPORTS.clear();
    }

    /** Collects garbage and gives the detector allocations to report on, a few rounds until nothing new comes. */
    static void collect() throws InterruptedException {
        int settled = 0;
        int before = -1;
        for (int round = 0; round < 10 && settled < 2; round++) {
            System.gc();
            Thread.sleep(10); // reference processing runs on its own thread
            for (int i = 0; i < 8; i++) {
                ByteBuf probe = PooledByteBufAllocator.DEFAULT.directBuffer(8);
                probe.release();
                ByteBuf heapProbe = PooledByteBufAllocator.DEFAULT.heapBuffer(8);
                heapProbe.release();
            }
            settled = REPORTS.size() == before ? settled + 1 : 0;
            before = REPORTS.size();
        }
    }

    /** Hooks the detector every Netty ByteBuf allocator shares (AbstractByteBuf.leakDetector). */
    @SuppressWarnings("unchecked")
    private static synchronized void listen() {
        if (listening) {
            return;
        }
        try {
            Field field = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
            field.setAccessible(true);
            ResourceLeakDetector<ByteBuf> detector = (ResourceLeakDetector<ByteBuf>) field.get(null);
            detector.setLeakListener((resourceType, records) -> REPORTS.add(resourceType + ": " + records));
            listening = true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot hook Netty's ByteBuf leak detector (did the field move in a Netty"
                    + " upgrade?)", e);
        }
    }
}
