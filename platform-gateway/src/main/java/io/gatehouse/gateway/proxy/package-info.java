/**
 * The data plane: an HTTP/1.1 listener on the gateway port ({@link io.gatehouse.gateway.proxy.GatewayListener}, plain
 * Netty: one {@link io.gatehouse.gateway.proxy.CallerConnection} per caller connection, one
 * {@link io.gatehouse.gateway.proxy.CallerExchange} per request) that resolves {@code /{tenant}{prefix}{rest}} against
 * the route table snapshot, forwards to the provider with header hygiene and forwarding headers, streams bodies both
 * ways with back-pressure, and answers the contract's JSON errors when it cannot. Upstream calls go through the
 * gateway's own Netty HTTP/1.1 client ({@link io.gatehouse.gateway.proxy.UpstreamConnector}): pooled per event loop,
 * so a proxied call stays on the caller's thread from the first byte in to the last byte out. The steps of a call
 * (attempts, retries, backoff, deadlines, fallbacks) are plain callbacks and loop timers
 * ({@link io.gatehouse.gateway.proxy.UpstreamForwarder}, one {@link io.gatehouse.gateway.proxy.AttemptRun} per
 * attempt); bodies flow as Reactive Streams publishers with back-pressure. Neither Reactor operators nor Reactor
 * Netty's server and client are on the proxied path: their per-request machinery cost more CPU than the rest of the
 * gateway (see the README); Reactor Netty only supplies the event loops.
 * Silence is bounded at every stage: the connect timeout, the per-try wait for a response head, the route deadline,
 * the body idle timeout once the head went out ({@link io.gatehouse.gateway.proxy.UpstreamExchange}), and the
 * listener's idle timeout for callers, which also answers 408 to a request body that stops arriving.
 */
package io.gatehouse.gateway.proxy;
