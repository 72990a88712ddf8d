/**
 * The data plane: a Reactor Netty server on the gateway port that resolves {@code /{tenant}{prefix}{rest}} against
 * the route table snapshot, forwards to the provider with header hygiene and forwarding headers, streams bodies both
 * ways, and answers the contract's JSON errors when it cannot.
 */
package io.gatehouse.gateway.proxy;
