package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The leak check the client tests rely on does see a buffer dropped without release. */
class LeakReportsTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();

    @Test
    void aBufferCollectedWithoutReleaseIsReported() throws Exception {
        allocateAndDrop();

        LeakReports.collect();

        assertThat(LeakReports.reports()).anySatisfy(report -> assertThat(report).contains("allocateAndDrop"));
        LeakReports.clear();
    }

    @Test
    void aReleasedBufferIsNotReported() throws Exception {
        ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        buffer.writeLong(7);
        buffer.release();

        LeakReports.collect();

        assertThat(LeakReports.reports()).isEmpty();
    }

    private static void allocateAndDrop() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
        leaked.writeLong(42);
    }
}
