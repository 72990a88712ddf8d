package io.gatehouse.gateway.proxy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.reactivestreams.Publisher;
import reactor.netty.resources.LoopResources;

/**
 * A {@link GatewayListener} on one event loop of its own (the native transport where the machine has one, as the
 * gateway runs), with the callers a test opened; all closed after each test. Register it with
 * {@code @RegisterExtension} on an instance field.
 */
final class ListenerUnderTest implements AfterEachCallback {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

    private final List<RawCaller> callers = new CopyOnWriteArrayList<>();
    private LoopResources loops;
    private GatewayListener listener;

    /** Listens on a random port, answering each call with {@code handler} (see {@link Replies}). */
    ListenerUnderTest start(BiFunction<CallerRequest, CallerResponse, Publisher<Void>> handler) {
        return start(IDLE_TIMEOUT, handler);
    }

    ListenerUnderTest start(Duration idleTimeout, BiFunction<CallerRequest, CallerResponse, Publisher<Void>> handler) {
        loops = LoopResources.create("gatehouse-test-listener", 1, true);
        listener = GatewayListener.bind(loops, LoopResources.hasNativeSupport(), "127.0.0.1", 0, idleTimeout,
                Replies.reactive(handler));
        return this;
    }

    GatewayListener listener() {
        return listener;
    }

    int port() {
        return listener.port();
    }

    /** A new connection to the listener. */
    RawCaller connect() throws IOException {
        RawCaller caller = RawCaller.connect(port());
        callers.add(caller);
        return caller;
    }

    RawCaller connectWithReceiveBuffer(int bytes) throws IOException {
        RawCaller caller = RawCaller.connectWithReceiveBuffer(port(), bytes);
        callers.add(caller);
        return caller;
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        for (RawCaller caller : callers) {
            caller.close();
        }
        if (listener != null) {
            listener.close(Duration.ofSeconds(1));
        }
        if (loops != null) {
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
        }
    }
}
