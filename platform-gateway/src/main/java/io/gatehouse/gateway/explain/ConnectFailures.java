package io.gatehouse.gateway.explain;

import static io.gatehouse.gateway.explain.FailureExplainer.list;

import io.gatehouse.gateway.explain.FailureExplainer.Facts;

/** {@code upstream_connect_failed}: no connection was made, so nothing was sent (DNS, TCP connect or TLS). */
final class ConnectFailures {
    private ConnectFailures() {
    }

    static Explanation explain(Facts f) {
        Integer connectTimeout = f.settings().connectTimeoutMs();
        boolean timedOut = connectTimeout != null && f.latency() >= connectTimeout * 9L / 10;
        String retryHint = f.retriesOn("connect-failure") || f.settings().retryOn() == null ? null
                : "Add \"connect-failure\" to the route's retry.retryOn so another target is tried (always safe: the"
                + " request was never sent).";
        String healthHint = f.settings().healthCheckPath() == null
                ? "Configure a healthCheck on the provider so a dead target is taken out of rotation before callers hit it."
                : "The provider's healthCheck (" + f.settings().healthCheckPath() + ") takes a dead target out of"
                + " rotation after a few failed checks; make sure that path answers 2xx on a healthy target.";
        if (timedOut) {
            return new Explanation(f.code(), "connect",
                    "The gateway could not open a TCP connection to " + f.where() + " within connectTimeoutMs ("
                            + connectTimeout + " ms); the attempt took " + f.latency() + " ms. Nothing was sent"
                            + " to the upstream." + f.tries(),
                    list("The host is down or unreachable from the gateway (no route, wrong address).",
                            "A firewall rule or security group silently drops the packets.",
                            "The upstream or its load balancer is overloaded and not accepting connections.",
                            "The network between gateway and upstream is slow, so connectTimeoutMs is too short."),
                    list("Press \"Diagnose now\" to see whether DNS, TCP connect or TLS fails right now.",
                            "Check firewall rules between the gateway host and " + f.where() + ".",
                            "If the upstream is just far away, raise the provider's connectTimeoutMs (now "
                                    + connectTimeout + " ms).",
                            retryHint, healthHint));
        }
        String tls = f.https() ? " or the TLS handshake failed (certificate not trusted, wrong host name, or the"
                + " target does not speak TLS)" : "";
        return new Explanation(f.code(), "connect (DNS, TCP connect" + (f.https() ? " or TLS" : "") + ")",
                "The gateway could not connect to " + f.where() + ": the connection was refused or the host name"
                        + " did not resolve" + tls + ". It failed after " + f.latency() + " ms, before any byte of"
                        + " the request was sent." + f.tries(),
                list("The upstream service is down or not listening on that port (connection refused).",
                        "The target URL has a wrong host, port or scheme in the provider.",
                        "DNS or network problems: the host name does not resolve from the gateway.",
                        f.https() ? "TLS: the certificate is expired, self-signed or for another host name." : null,
                        "A firewall rule rejects the connection."),
                list("Press \"Diagnose now\" to see which step fails: DNS, TCP connect" + (f.https() ? ", TLS" : "")
                                + " or HTTP.",
                        "Start the upstream service, or fix the target URL in the provider's targets.",
                        retryHint, healthHint));
    }
}
