package io.gatehouse.gateway.proxy;

/**
 * What the listener hands each request to. The handler answers through the response exactly once - at once or later,
 * from callbacks on the connection's event loop - and registers with {@link CallerResponse#whileWaiting} whatever must
 * stop if the listener cancels the call (the caller went away, or the listener answered 408/400 itself).
 */
@FunctionalInterface
interface GatewayHandler {
    void handle(CallerRequest request, CallerResponse response);
}
