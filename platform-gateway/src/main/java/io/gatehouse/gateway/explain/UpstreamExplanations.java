package io.gatehouse.gateway.explain;

import static io.gatehouse.gateway.explain.FailureExplainer.list;

import io.gatehouse.gateway.explain.FailureExplainer.Facts;

/** Upstream error codes other than connect failures: timeouts, resets, bad responses, policy and availability. */
final class UpstreamExplanations {
    /** A reset this soon after the attempt started is most likely a reused idle connection closed by the upstream. */
    static final long QUICK_RESET_MS = 50;

    private UpstreamExplanations() {
    }

    static Explanation timeout(Facts f) {
        boolean deadline = f.decision().contains("route deadline");
        CallSettings s = f.settings();
        if (deadline) {
            return new Explanation(f.code(), "waiting for response head (route deadline)",
                    "The route's overall deadline (timeoutMs, " + Facts.ms(s.routeTimeoutMs()) + ") passed while the"
                            + " gateway was still waiting for " + f.where() + " to send a response head. The deadline"
                            + " covers every attempt and backoff, so no further attempt was made." + f.tries(),
                    list("The upstream is overloaded or slow for this request.",
                            "Earlier attempts and backoff used up most of the route deadline.",
                            "The upstream is unable to handle the request and hangs instead of answering."),
                    list("If such slow answers are expected, raise the route's timeoutMs.",
                            "Keep the provider's responseTimeoutMs (" + Facts.ms(s.responseTimeoutMs()) + ") well"
                                    + " below the route timeoutMs so a retry still fits.",
                            "Check the upstream's logs and load at the time of the call."));
        }
        return new Explanation(f.code(), "waiting for response head",
                "The connection to " + f.where() + " was open and the request sent, but no response head arrived"
                        + " within the provider's responseTimeoutMs (" + Facts.ms(s.responseTimeoutMs()) + "; the"
                        + " attempt took " + f.latency() + " ms). The upstream may have processed the request." + f.tries(),
                list("Server overload: the upstream is queueing or slow.",
                        "The request is legitimately long-running (large report, slow model).",
                        "The upstream hangs (deadlock, exhausted worker pool) or a load balancer holds the request.",
                        "The network drops packets after the connection was set up."),
                list("If slow answers are expected, raise the provider's responseTimeoutMs (and the route's"
                                + " timeoutMs, which bounds all attempts).",
                        f.retriesOn("timeout") ? null : "Add \"timeout\" to the route's retry.retryOn to try another"
                                + " target - only for requests that are safe to repeat.",
                        "Check the upstream's logs and load at the time of the call.",
                        s.healthCheckPath() == null ? "Configure a healthCheck so hung targets are taken out of"
                                + " rotation." : null));
    }

    static Explanation reset(Facts f) {
        boolean quick = f.latency() <= QUICK_RESET_MS;
        String race = "The idle keep-alive race: the upstream (or a load balancer in front of it) closed an idle"
                + " pooled connection at the moment the gateway reused it.";
        return new Explanation(f.code(), "waiting for response head",
                f.where() + " closed or reset the connection before sending a full response head, after "
                        + f.latency() + " ms." + (quick ? " A reset this quick usually means the connection was"
                        + " already dead when it was reused." : "") + f.tries(),
                quick ? list(race, "The upstream crashed or restarted.",
                        "A misconfigured load balancer or proxy in between closes connections early.")
                        : list("The upstream crashed, restarted or ran out of memory while handling the request.",
                        "Server overload: the upstream sheds load by closing connections.",
                        "A misconfigured load balancer or proxy in between has a shorter timeout than the request.",
                        race),
                list(f.retriesOn("reset") ? null : "Add \"reset\" to the route's retry.retryOn so the gateway retries"
                                + " on a fresh connection - only for requests that are safe to repeat.",
                        "Set the upstream's (and its load balancer's) keep-alive idle timeout longer than the"
                                + " gateway's pooled connection idle time.",
                        "Check the upstream's logs for crashes or restarts at the time of the call."));
    }

    /** The head went to the caller, then the body stalled or broke off: the caller got an incomplete answer. */
    static Explanation bodyCutShort(Facts f) {
        boolean stalled = f.code().equals("upstream_timeout");
        return new Explanation(f.code(), "reading response body",
                f.where() + " sent its response head, which went on to the caller, and then " + (stalled
                        ? "sent no more of the body for the gateway's body idle timeout"
                        : "closed or reset the connection before the end of the body")
                        + ". The gateway closed the caller's connection, so the caller got an incomplete answer; it"
                        + " is not retried once the answer has started. (" + f.decision() + ")",
                stalled ? list("The upstream hangs in the middle of a long answer (a stuck stream, a slow model).",
                        "A load balancer or proxy in between buffers or holds the stream.",
                        "The upstream waits on something slow before it writes the rest.")
                        : list("The upstream crashed or restarted while writing the answer.",
                        "A load balancer or proxy in between has a shorter timeout than the answer takes.",
                        "The upstream's own write timeout closed the connection."),
                list(stalled ? "If long silences are expected (for example a stream that pauses), raise"
                                + " PLATFORM_GATEWAY_BODY_IDLE_TIMEOUT_MS, or have the upstream send keep-alive"
                                + " data (an SSE comment line) while it works." : null,
                        "Check the upstream's logs at the time of the call.",
                        "Callers should treat a body that ends early as a failure and may repeat the call if it is"
                                + " safe to."));
    }

    static Explanation invalidResponse(Facts f) {
        return new Explanation(f.code(), "reading response head",
                f.where() + " answered, but what came back could not be parsed as an HTTP response." + f.tries(),
                list("The target URL points at a service that does not speak HTTP/1.1 (a database port, gRPC-only or"
                                + " TLS on a port configured as http://).",
                        "A misconfigured load balancer or proxy returns a malformed response.",
                        "The upstream writes a broken status line or headers (a bug in the upstream)."),
                list("Check the scheme (http/https) and port of the provider's target URL.",
                        "Press \"Diagnose now\" to see what the target answers to a plain HTTP request.",
                        "Check the upstream's logs."));
    }

    static Explanation blocked(Facts f) {
        return new Explanation(f.code(), "connect (address policy)",
                "The gateway refused to connect to " + f.where() + ": it is, or resolves to, an address inside the"
                        + " platform's network (loopback, private, link-local or cloud metadata), which upstreams may"
                        + " not use. Nothing was sent.",
                list("The provider's target is an internal address, or its host name resolves to one.",
                        "DNS for the host name changed to an internal address."),
                list("Use the upstream's public address in the provider's targets.",
                        "If internal upstreams are intended, an operator allows them with PLATFORM_UPSTREAM_ALLOWLIST"
                                + " (comma-separated CIDRs, e.g. 10.0.0.0/8) and restarts the platform."));
    }

    static Explanation noHealthyUpstream(Facts f) {
        boolean poolExhausted = f.target() != null && f.latency() > 0;
        if (poolExhausted) {
            return new Explanation(f.code(), "acquiring a connection",
                    "Every pooled connection to " + f.where() + " was busy and none became free in time (connection"
                            + " pool exhausted) after " + f.latency() + " ms." + f.tries(),
                    list("Server overload: the upstream answers too slowly for the request rate.",
                            "A burst of long-running requests holds every connection."),
                    list("Raise the upstream's capacity or lower the request rate.",
                            "Lower the provider's responseTimeoutMs so stuck requests free their connections sooner."));
        }
        return new Explanation(f.code(), "choosing a target",
                "Every target of the provider was out of rotation (ejected by health checks or outlier detection),"
                        + " so the gateway did not try to connect.",
                list("The upstream is down or unable to handle requests, so its health checks fail.",
                        "The healthCheck path is wrong and fails although the upstream works.",
                        "Repeated connect failures or 5xx answers ejected the targets."),
                list("Press \"Diagnose now\" on a target to check it live.",
                        "Check that the provider's healthCheck path (" + (f.settings().healthCheckPath() == null
                                ? "none configured" : f.settings().healthCheckPath()) + ") answers 2xx.",
                        "Add fallbackProviders to the route so calls go elsewhere while the provider is down."));
    }

    static Explanation circuitOpen(Facts f) {
        return new Explanation(f.code(), "before connecting (circuit breaker)",
                "The provider's circuit breaker was open: recent calls failed so often that the gateway stops"
                        + " calling it for a while, and answered at once without contacting the upstream.",
                list("The upstream is down or unable to handle requests.",
                        "Server overload: most recent calls timed out or answered 5xx."),
                list("Fix the upstream; the breaker lets a few trial calls through after its wait time and closes"
                                + " when they succeed.",
                        "Press \"Diagnose now\" on a target to check it live.",
                        "Add fallbackProviders to the route so calls go elsewhere while the breaker is open."));
    }
}
