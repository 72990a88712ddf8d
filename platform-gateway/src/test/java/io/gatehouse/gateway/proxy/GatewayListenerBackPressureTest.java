package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * A caller that reads a large streamed answer slowly: the handler's body is asked for one buffer at a time, only
 * while the connection can take more, so what waits in the gateway stays small however much is left to send.
 */
class GatewayListenerBackPressureTest {
    private static final int MIB = 1024 * 1024;
    private static final int BUFFER_BYTES = 8 * 1024;
    /**
     * Produced but not yet read by the caller, at most: what the gateway's kernel may hold in the connection's send
     * buffer (it grows on its own up to {@code tcp_wmem}'s maximum, 4 MiB by default), and 1 MiB for the rest (the
     * gateway's outbound buffer, the caller's small receive buffer).
     */
    private static final long BOUND_BYTES = kernelSendBufferMax() + MIB;
    /** Well over the bound, so a body produced as fast as it can be shows (8 MiB or more). */
    private static final int BUFFERS = (int) (Math.max(8L * MIB, BOUND_BYTES + 4L * MIB) / BUFFER_BYTES);

    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    @RegisterExtension
    final ListenerUnderTest gateway = new ListenerUnderTest();

    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong requested = new AtomicLong();

    @Test
    void aSlowReaderGetsAllOfALargeStreamedAnswerInOrderWhileTheBodyIsAskedForLazily() throws Exception {
        gateway.start((request, response) -> Replies.streamed(response
                .header(HttpHeaderNames.CONTENT_LENGTH, (long) BUFFER_BYTES * BUFFERS)
                , Flux.range(0, BUFFERS)
                        .map(GatewayListenerBackPressureTest::numbered)
                        .doOnNext(buffer -> produced.incrementAndGet())
                        .doOnRequest(n -> requested.accumulateAndGet(n, GatewayListenerBackPressureTest::addCap))));
        RawCaller caller = gateway.connectWithReceiveBuffer(64 * 1024);

        caller.send("GET /large HTTP/1.1\r\nHost: gw\r\n\r\n");
        RawAnswer head = caller.answerWithoutBody();
        long producedWhileNotReading = producedOnceSettled();

        assertThat(head.header("content-length")).isEqualTo(String.valueOf((long) BUFFER_BYTES * BUFFERS));
        assertThat(producedWhileNotReading).as("bytes produced while the caller was not reading")
                .isLessThan(BOUND_BYTES);
        assertThat(requested.get() - produced.get()).as("outstanding demand").isLessThanOrEqualTo(1);

        long read = 0;
        long mostAhead = 0;
        while (read < (long) BUFFER_BYTES * BUFFERS) {
            byte[] block = caller.readExactly(64 * 1024);
            assertNumbered(block, read);
            read += block.length;
            mostAhead = Math.max(mostAhead, produced.get() * BUFFER_BYTES - read);
            assertThat(requested.get() - produced.get()).as("outstanding demand").isLessThanOrEqualTo(1);
        }

        assertThat(mostAhead).as("bytes produced ahead of the caller's reading").isLessThan(BOUND_BYTES);
        assertThat(caller.send("GET / HTTP/1.1\r\nHost: gw\r\n\r\n").answerWithoutBody().status()).isEqualTo(200);
    }

    /** Bytes produced once the count stopped growing for 100 ms (the connection stopped taking more). */
    private long producedOnceSettled() throws InterruptedException {
        long before = -1;
        int still = 0;
        for (int i = 0; i < 75 && still < 5; i++) {
            Thread.sleep(20);
            long now = produced.get();
            still = now == before ? still + 1 : 0;
            before = now;
        }
        return before * BUFFER_BYTES;
    }

    /** Buffer {@code index}: its index as an int, over and over (written at once: the leak detector records each access). */
    private static ByteBuf numbered(int index) {
        ByteBuffer ints = ByteBuffer.allocate(BUFFER_BYTES);
        while (ints.hasRemaining()) {
            ints.putInt(index);
        }
        return PooledByteBufAllocator.DEFAULT.directBuffer(BUFFER_BYTES).writeBytes(ints.flip());
    }

    private static void assertNumbered(byte[] block, long offset) {
        ByteBuffer ints = ByteBuffer.wrap(block);
        for (int i = 0; i < block.length; i += 4) {
            int expected = (int) ((offset + i) / BUFFER_BYTES);
            if (ints.getInt(i) != expected) {
                throw new AssertionError("at byte " + (offset + i) + ": buffer " + ints.getInt(i) + " where buffer "
                        + expected + " belongs");
            }
        }
    }

    private static long kernelSendBufferMax() {
        try {
            String[] minDefaultMax = Files.readString(Path.of("/proc/sys/net/ipv4/tcp_wmem")).trim().split("\\s+");
            return Long.parseLong(minDefaultMax[2]);
        } catch (IOException | RuntimeException notLinux) {
            return 4L * MIB;
        }
    }

    private static long addCap(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
