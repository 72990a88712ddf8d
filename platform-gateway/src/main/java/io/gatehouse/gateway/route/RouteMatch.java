package io.gatehouse.gateway.route;

import java.util.Set;

/** The outcome of looking a request up in the route table. */
public sealed interface RouteMatch {

    /** {@code rest} is the path after the prefix (always starts with '/' or is empty). */
    record Found(CompiledRoute route, String rest) implements RouteMatch {
    }

    record NotFound() implements RouteMatch {
    }

    record MethodNotAllowed(CompiledRoute route, Set<String> allowed) implements RouteMatch {
    }
}
