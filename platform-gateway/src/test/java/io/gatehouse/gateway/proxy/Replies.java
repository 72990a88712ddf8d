package io.gatehouse.gateway.proxy;

import io.netty.buffer.ByteBuf;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Listener-test handlers written with Reactor: a handler returns a publisher that ends when it is done; its error
 * becomes the listener's 500, and a handler that ends without answering sends an empty 200. A cancelled call
 * disposes the handler's subscription.
 */
final class Replies {
    private Replies() {
    }

    static GatewayHandler reactive(BiFunction<CallerRequest, CallerResponse, Publisher<Void>> handler) {
        return (request, response) -> {
            Disposable handling = Flux.from(handler.apply(request, response)).subscribe(null, response::fail, () -> {
                if (!response.hasSentHeaders() && !response.cancelled()) {
                    response.sendBytes(new byte[0]);
                }
            });
            response.whileWaiting(handling::dispose);
        };
    }

    /** Sends the whole answer when subscribed. */
    static Mono<Void> whole(CallerResponse response, byte[] body) {
        return Mono.fromRunnable(() -> response.sendBytes(body));
    }

    /** Streams the body when subscribed; completes when the answer is over, fails when the body did. */
    static Mono<Void> streamed(CallerResponse response, Publisher<ByteBuf> body) {
        return Mono.create(sink -> {
            response.send(body, new CallerResponse.BodyObserver() {
                @Override
                public void sent(int bytes) {
                }

                @Override
                public void failed(Throwable error) {
                    sink.error(error);
                }
            });
            response.whenEnded(sink::success);
        });
    }
}
