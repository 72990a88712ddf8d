/**
 * The data plane: a Reactor Netty server on the gateway port that resolves {@code /{tenant}{prefix}{rest}} against
 * the route table snapshot, forwards to the provider with header hygiene and forwarding headers, streams bodies both
 * ways, and answers the contract's JSON errors when it cannot. Upstream calls go through the gateway's own Netty
 * HTTP/1.1 client ({@link io.gatehouse.gateway.proxy.UpstreamConnector}): pooled per event loop, so a proxied call
 * stays on the caller's thread.
 */
package io.gatehouse.gateway.proxy;
