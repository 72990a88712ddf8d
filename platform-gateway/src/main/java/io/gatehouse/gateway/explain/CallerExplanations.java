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
            case "request_timeout" -> new Explanation(code, "reading request body",
                    "The caller started sending a request body and then sent nothing more for the gateway's idle"
                            + " timeout (60 s), so the gateway answered 408 and closed the connection; the call was"
                            + " stopped, whatever the upstream had received so far.",
                    list("The caller's program stalls while producing the body (a slow source, a bug).",
                            "The network between the caller and the gateway drops the connection without a reset.",
                            "The Content-Length the caller sent is larger than the body it sends."),
                    list("Send the whole body without long pauses, with a Content-Length that matches it.",
                            "Check the caller's network path (proxies, NAT timeouts)."));
            case "bad_request" -> new Explanation(code, "reading request",
                    "The request was not valid HTTP/1.1 (for example a malformed chunk in its body), so the gateway"
                            + " answered 400 and closed the connection.",
                    list("The caller's HTTP client or a proxy in front of the gateway mangles the request."),
                    list("Check the caller's HTTP library and any proxy between the caller and the gateway."));
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
