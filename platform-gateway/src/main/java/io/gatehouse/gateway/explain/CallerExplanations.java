package io.gatehouse.gateway.explain;

import static io.gatehouse.gateway.explain.FailureExplainer.list;

/** Error codes about the caller's request (refused before any upstream was contacted). */
final class CallerExplanations {
    private CallerExplanations() {
    }

    static Explanation explain(String code, int status) {
        return switch (code) {
            case "unauthorized" -> new Explanation(code, "authentication",
                    "The call carried no credential, or one that is malformed, unknown, expired, revoked or badly signed.",
                    list("No Authorization header, or the wrong scheme for the key type.",
                            "The key was revoked or has expired.",
                            "SigV4: wrong secret, unsigned host/x-amz-date header, or a clock more than 300 s off."),
                    list("Check the key on the tenant's Keys page (state, expiry).",
                            "Make the route public (\"public\": true) if it needs no credential."));
            case "forbidden" -> new Explanation(code, "authorization",
                    "The credential is valid but not allowed on this route.",
                    list("The key was issued for a list of routes that does not include this one."),
                    list("Issue a key for this route, or one without a route list (all routes of the tenant)."));
            case "route_not_found" -> new Explanation(code, "routing",
                    "No tenant or no route matches the path, so no upstream was contacted.",
                    list("A typo in the tenant slug or path.", "The route was deleted or its pathPrefix changed."),
                    list("Compare the path with the tenant's routes (pathPrefix); calls are made to /{tenant}{pathPrefix}."));
            case "method_not_allowed" -> new Explanation(code, "routing",
                    "The route exists but does not accept this HTTP method.",
                    list("The route's methods list leaves this method out."),
                    list("Add the method to the route's methods, or leave methods empty to accept all."));
            case "payload_too_large" -> new Explanation(code, "reading request body",
                    "The request body was larger than the configured limit.",
                    list("The caller sent a larger body than the platform accepts."),
                    list("Send a smaller body, or raise the body size limit."));
            case "rate_limited" -> new Explanation(code, "rate limiting",
                    "A rate limit was hit; the caller should wait for the time in Retry-After.",
                    list("The caller sends more requests than its limit allows."),
                    list("Slow the caller down (honour Retry-After) or raise the limit."));
            case "invalid_path" -> new Explanation(code, "routing",
                    "The path contains a '.' or '..' segment, which the gateway refuses.",
                    list("The caller builds paths by string concatenation."),
                    list("Normalise the path before calling."));
            default -> new Explanation(code, "unknown",
                    "The gateway answered " + status + " with error code '" + code + "'.",
                    list("See the error message the caller received."),
                    list("Check the attempts below and the gateway's log for this request id."));
        };
    }
}
