package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The route deadline an exchange keeps itself (the forwarder sets no timer of its own for a plain exchange): it ends
 * the wait for a response head whatever the phase - waiting for the head, sending a body the upstream is slow to take,
 * waiting in the pool's line - as a {@link TimeoutException} the forwarder reports as the route deadline, and the
 * per-try timeout still wins when it comes first.
 */
class UpstreamRouteDeadlineTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    private static final int DEADLINE_MS = 250;
    private static final int LONG_PER_TRY_MS = 5_000;

    private ClientFixture client = new ClientFixture();
    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        client.close();
        upstream.close();
    }

    @Test
    void aDeadlineBeforeThePerTryTimeoutEndsTheWaitForTheHeadAndClosesTheConnection() throws Exception {
        upstream = new ScriptedUpstream(ScriptedUpstream.readThenHang());
        long start = System.nanoTime();

        Throwable failure = client.failure(ClientFixture.withRouteDeadlineIn(ClientFixture.request(upstream.target(),
                HttpMethod.GET, "/", new byte[0], LONG_PER_TRY_MS), DEADLINE_MS));

        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessage(UpstreamExchange.ROUTE_DEADLINE_PASSED);
        assertThat(tookMs).isBetween((long) DEADLINE_MS, (long) LONG_PER_TRY_MS / 2);
        assertThat(upstream.connection(0).closedByClientWithin(2000)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
    }

    @Test
    void aPerTryTimeoutBeforeTheDeadlineIsStillAReadTimeout() throws Exception {
        upstream = new ScriptedUpstream(ScriptedUpstream.readThenHang());

        Throwable failure = client.failure(ClientFixture.withRouteDeadlineIn(ClientFixture.request(upstream.target(),
                HttpMethod.GET, "/", new byte[0], DEADLINE_MS), 10 * DEADLINE_MS));

        assertThat(failure).isInstanceOf(ReadTimeoutException.class);
    }

    @Test
    void aStreamedBodyStillBeingSentAtTheDeadlineEndsTheExchange() throws Exception {
        upstream = new ScriptedUpstream(socket -> socket.hang());
        // The first part goes out, the rest never comes: the request is never complete, so no per-try timer runs.
        Flux<ByteBuf> endless = Flux.concat(Mono.fromSupplier(
                () -> Unpooled.copiedBuffer("first part", StandardCharsets.US_ASCII)), Mono.never());
        long start = System.nanoTime();

        Throwable failure = client.failure(ClientFixture.withRouteDeadlineIn(ClientFixture.streamed(upstream.target(),
                endless, -1, LONG_PER_TRY_MS), DEADLINE_MS));

        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessage(UpstreamExchange.ROUTE_DEADLINE_PASSED);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(DEADLINE_MS);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> client.open().isEmpty());
    }

    @Test
    void aCallWaitingInThePoolsLineLeavesItAtTheDeadline() throws Exception {
        client.close();
        client = new ClientFixture(ClientFixture.LOOPBACK_ALLOWED,
                new UpstreamPool.Limits(1, 4, 10_000, TimeUnit.SECONDS.toNanos(4)));
        CountDownLatch busy = new CountDownLatch(1);
        upstream = new ScriptedUpstream(ScriptedUpstream.readThenHang(busy));
        Disposable holder = client.exchange(ClientFixture.get(upstream.target(), "/hold")).subscribe();
        assertThat(busy.await(2, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();

        Throwable failure = client.failure(ClientFixture.withRouteDeadlineIn(ClientFixture.get(upstream.target(),
                "/wait"), DEADLINE_MS));

        assertThat(failure).isInstanceOf(TimeoutException.class).hasMessage(UpstreamExchange.ROUTE_DEADLINE_PASSED);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isBetween((long) DEADLINE_MS, 5_000L);
        assertThat(upstream.acceptedCount()).isEqualTo(1);
        holder.dispose();
    }
}
