package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HeadFlush} on an {@link EmbeddedChannel} whose "socket" is a handler in front of HeadFlush: it records the
 * messages each flush carries and passes nothing on, so the embedded transport never runs the loop's pending tasks by
 * itself. Writes and flushes go through {@code channel.pipeline()} (the channel's own {@code write}/{@code flush}
 * would also run them when they return): consecutive pipeline calls are one turn of the event loop, and
 * {@link EmbeddedChannel#runPendingTasks()} ends that turn, running what was put off to its end.
 */
class HeadFlushTest {

    private final Wire wire = new Wire();
    // Outbound events run from the tail to the head: HeadFlush first, then the wire.
    private final EmbeddedChannel channel = new EmbeddedChannel(wire, new HeadFlush());
    private final ChannelPipeline out = channel.pipeline();

    @AfterEach
    void releaseEverything() {
        wire.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void headAndBodyOfTheSameTurnLeaveInOneFlush() {
        HttpResponse head = head();
        ChannelFuture headWrite = out.writeAndFlush(head);

        // Reported written at once (Reactor Netty subscribes to the body only then), but not sent yet.
        assertThat(headWrite.isSuccess()).isTrue();
        assertThat(wire.batches).isEmpty();

        DefaultHttpContent body = body("hello");
        DefaultLastHttpContent last = new DefaultLastHttpContent();
        out.writeAndFlush(body);
        out.writeAndFlush(last);

        // Before the turn ends: the head went out with the first body chunk, in one flush.
        assertThat(wire.batches).containsExactly(List.of(head, body), List.of(last));
        channel.runPendingTasks();
        assertThat(wire.batches).containsExactly(List.of(head, body), List.of(last));
    }

    @Test
    void aHeadWithoutBodyInItsTurnIsFlushedWhenTheTurnEnds() {
        HttpResponse head = head();
        out.writeAndFlush(head);
        assertThat(wire.batches).isEmpty();

        channel.runPendingTasks();

        assertThat(wire.batches).containsExactly(List.of(head));

        // A body arriving in a later turn streams after it, flushed at once.
        DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.copiedBuffer("late", StandardCharsets.UTF_8));
        out.writeAndFlush(last);
        assertThat(wire.batches).containsExactly(List.of(head), List.of(last));
    }

    @Test
    void twoFlushesOfALoneHeadScheduleOneDelayedFlush() {
        HttpResponse head = head();
        out.write(head);
        out.flush();
        out.flush();
        assertThat(wire.count).isZero();

        channel.runPendingTasks();

        assertThat(wire.count).isEqualTo(1);
        assertThat(wire.batches).containsExactly(List.of(head));
    }

    @Test
    void aFullResponseIsFlushedAtOnce() {
        DefaultFullHttpResponse full = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer("done", StandardCharsets.UTF_8));

        ChannelFuture write = out.writeAndFlush(full);

        assertThat(write.isSuccess()).isTrue();
        assertThat(wire.batches).containsExactly(List.of(full));
        assertThat(channel.hasPendingTasks()).isFalse();
    }

    @Test
    void aHeadThatCannotBeWrittenClosesTheConnection() {
        wire.failHeads = true;

        out.writeAndFlush(head());
        channel.runPendingTasks();

        assertThat(channel.isOpen()).isFalse();
    }

    private static HttpResponse head() {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    }

    private static DefaultHttpContent body(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /** The socket: keeps what each flush sends (flushes with nothing to send are counted, not kept). */
    private static final class Wire extends ChannelOutboundHandlerAdapter {
        final List<List<Object>> batches = new ArrayList<>();
        private final List<Object> pending = new ArrayList<>();
        private final List<ChannelPromise> promises = new ArrayList<>();
        int count;
        boolean failHeads;

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (failHeads && msg instanceof HttpResponse) {
                ReferenceCountUtil.release(msg);
                promise.setFailure(new IOException("broken pipe"));
                return;
            }
            pending.add(msg);
            promises.add(promise);
        }

        @Override
        public void flush(ChannelHandlerContext ctx) {
            count++;
            if (!pending.isEmpty()) {
                batches.add(List.copyOf(pending));
                pending.clear();
                promises.forEach(ChannelPromise::setSuccess);
                promises.clear();
            }
        }

        void release() {
            batches.forEach(batch -> batch.forEach(ReferenceCountUtil::release));
            pending.forEach(ReferenceCountUtil::release);
        }
    }
}
