/**
 * Routing configuration per tenant - providers (upstreams with targets, timeouts and injected headers) and routes
 * (path prefix, methods, auth schemes, timeout and retry policy) - and the immutable {@link
 * io.gatehouse.gateway.route.RouteTable} snapshot the data plane reads without touching the database.
 */
package io.gatehouse.gateway.route;
