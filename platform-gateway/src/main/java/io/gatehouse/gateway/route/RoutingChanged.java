package io.gatehouse.gateway.route;

/** Published after any provider or route of a tenant changes; the route table rebuilds after commit. */
record RoutingChanged(String tenant) {
}
