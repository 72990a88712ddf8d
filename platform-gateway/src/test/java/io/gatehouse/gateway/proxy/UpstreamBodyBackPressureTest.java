package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A body read slower than the upstream sends it: the client stops reading from the socket (autoRead off) while
 * buffers wait for demand, so what it holds stays bounded, and the subscriber still gets every byte in order.
 */
class UpstreamBodyBackPressureTest {
    @RegisterExtension
    static final LeakReports LEAKS = new LeakReports();
    private static final int BODY = 4 * 1024 * 1024;
    /** Far below the body: a client that ignored demand would read the whole body ahead of the subscriber. */
    private static final long MAX_AHEAD = 512 * 1024;

    private final ClientFixture client = new ClientFixture();
    private ScriptedUpstream upstream;

    @AfterEach
    void stop() throws Exception {
        client.close();
        upstream.close();
    }

    @Test
    void aSubscriberAskingForOneBufferAtATimeGetsEveryByteInOrderWhileTheClientReadsOnlyOnDemand() throws Exception {
        byte[] body = TestBodies.pattern(BODY);
        upstream = new ScriptedUpstream(socket -> {
            socket.readRequest();
            socket.smallSendBuffer();
            socket.send("HTTP/1.1 200 OK\r\nContent-Length: " + BODY + "\r\n\r\n");
            for (int offset = 0; offset < BODY; offset += 64 * 1024) {
                socket.send(java.util.Arrays.copyOfRange(body, offset, offset + 64 * 1024));
            }
            socket.hang();
        });
        UpstreamAnswer answer = client.answer(ClientFixture.get(upstream.target(), "/stream"));
        Channel channel = client.onlyConnection();
        ReadCounter readCounter = new ReadCounter();
        channel.eventLoop().submit(() -> channel.pipeline().addFirst(readCounter)).get(2, TimeUnit.SECONDS);

        // Nobody asked for the body yet: the client stops reading once a buffer waits.
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> !channel.config().isAutoRead());
        long readWhenPaused = readCounter.bytes.get();
        onLoopAfter(channel, 100);
        assertThat(readCounter.bytes.get()).as("bytes read while paused").isEqualTo(readWhenPaused);

        OneAtATime subscriber = new OneAtATime();
        answer.body().subscribe(subscriber);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> subscriber.subscription != null);
        int offset = 0;
        long maxAhead = 0;
        while (offset < BODY) {
            subscriber.subscription.request(1);
            ByteBuf buffer = subscriber.buffers.poll(2, TimeUnit.SECONDS);
            assertThat(buffer).as("buffer at offset %d", offset).isNotNull();
            byte[] chunk = new byte[buffer.readableBytes()];
            buffer.readBytes(chunk); // one access: at PARANOID level every access records a stack trace
            buffer.release();
            if (!java.util.Arrays.equals(chunk, 0, chunk.length, body, offset, offset + chunk.length)) {
                throw new AssertionError("the " + chunk.length + " bytes at offset " + offset + " differ");
            }
            offset += chunk.length;
            maxAhead = Math.max(maxAhead, readCounter.bytes.get() - offset);
        }
        subscriber.subscription.request(1);

        assertThat(subscriber.completed.poll(2, TimeUnit.SECONDS)).isTrue();
        assertThat(offset).isEqualTo(BODY);
        assertThat(maxAhead).as("bytes read ahead of the subscriber").isLessThan(MAX_AHEAD);
        assertThat(channel.config().isAutoRead()).as("reading again once the body is done").isTrue();
        assertThat(client.idle(upstream.target())).isEqualTo(1);
    }

    private static void onLoopAfter(Channel channel, long millis) throws Exception {
        channel.eventLoop().schedule(() -> null, millis, TimeUnit.MILLISECONDS).get(2, TimeUnit.SECONDS);
    }

    /** Counts the bytes the client reads from the socket (first in the pipeline). */
    @ChannelHandler.Sharable
    private static final class ReadCounter extends ChannelInboundHandlerAdapter {
        final AtomicLong bytes = new AtomicLong();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buffer) {
                bytes.addAndGet(buffer.readableBytes());
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Hands each buffer to the test thread, which asks for the next one itself. */
    private static final class OneAtATime implements Subscriber<ByteBuf> {
        final BlockingQueue<ByteBuf> buffers = new LinkedBlockingQueue<>();
        final BlockingQueue<Boolean> completed = new LinkedBlockingQueue<>();
        volatile Subscription subscription;

        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(ByteBuf buffer) {
            buffers.add(buffer);
        }

        @Override
        public void onError(Throwable error) {
            completed.add(false);
        }

        @Override
        public void onComplete() {
            completed.add(true);
        }
    }
}
