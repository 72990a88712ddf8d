package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.retry.FailureKind;
import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import reactor.netty.http.client.PrematureCloseException;

/** Turns what went wrong talking to an upstream into the contract's error code and an explanation with a hint. */
final class UpstreamFailures {
    private UpstreamFailures() {
    }

    static GatewayError explain(Throwable error, UpstreamTarget target, int connectTimeoutMs, int responseTimeoutMs,
                                int routeTimeoutMs) {
        Throwable cause = rootOf(error);
        if (cause instanceof InjectedFailure injected) {
            return injected.explained();
        }
        String where = target.host() + ":" + target.port();
        if (cause instanceof UpstreamBlockedException blocked) {
            return new GatewayError(502, "upstream_blocked", blocked.getMessage());
        }
        if (isPoolExhausted(cause)) {
            return new GatewayError(503, "no_healthy_upstream", "every connection to " + where + " is busy and no"
                    + " connection became free in time (connection pool exhausted) - the upstream is overloaded or"
                    + " slow; raise its capacity or lower the request rate");
        }
        if (cause instanceof ConnectTimeoutException) {
            return new GatewayError(502, "upstream_connect_failed", "no TCP connection to " + where + " within "
                    + connectTimeoutMs + " ms (connect phase) - the host may be down, a firewall may drop packets, or"
                    + " the address is wrong; check the target URL or raise connectTimeoutMs");
        }
        if (cause instanceof UnknownHostException) {
            return new GatewayError(502, "upstream_connect_failed", "DNS lookup failed for " + target.host()
                    + " (DNS phase) - check the target URL's host name and the gateway's DNS settings");
        }
        if (cause instanceof ConnectException || cause instanceof NoRouteToHostException) {
            return new GatewayError(502, "upstream_connect_failed", "connection refused by " + where
                    + " (connect phase) - is the service running and listening on that port?");
        }
        if (cause instanceof SSLException) {
            return new GatewayError(502, "upstream_connect_failed", "TLS handshake with " + where + " failed (TLS phase): "
                    + safe(cause.getMessage()) + " - check the certificate and that the target really speaks https");
        }
        if (cause instanceof ReadTimeoutException) {
            return new GatewayError(504, "upstream_timeout", "no response from " + where + " within " + responseTimeoutMs
                    + " ms (per-try timeout, waiting for response) - raise responseTimeoutMs or check the upstream");
        }
        if (cause instanceof TimeoutException) {
            return new GatewayError(504, "upstream_timeout", "no response from " + where + " within the route's "
                    + routeTimeoutMs + " ms deadline - raise the route's timeoutMs or check the upstream");
        }
        if (cause instanceof PrematureCloseException || cause instanceof PrematureChannelClosureException) {
            return new GatewayError(502, "upstream_reset", where + " closed the connection before a full response head"
                    + " (waiting for response) - the upstream may have crashed or dropped an idle keep-alive connection");
        }
        // Netty's HTTP decoder reports a bad status line ("HELLO") as an IllegalArgumentException.
        if (cause instanceof DecoderException || cause instanceof IllegalArgumentException) {
            return new GatewayError(502, "upstream_invalid_response", where + " answered with something that is not"
                    + " valid HTTP (reading response head) - check that the target URL points at an HTTP service");
        }
        if (cause instanceof IOException) {
            return new GatewayError(502, "upstream_reset", "connection to " + where + " failed: " + safe(cause.getMessage())
                    + " - the upstream reset the connection; check its logs");
        }
        return new GatewayError(502, "upstream_invalid_response", "the call to " + where + " failed ("
                + cause.getClass().getSimpleName() + ") - check the upstream's logs");
    }

    /** Which retryOn condition a failure counts as; null when it must not be retried (blocked, deadline). */
    static FailureKind kindOf(Throwable error) {
        Throwable cause = rootOf(error);
        if (cause instanceof InjectedFailure injected) {
            return injected.kind();
        }
        if (cause instanceof UpstreamBlockedException || cause instanceof TimeoutException) {
            return null;
        }
        if (cause instanceof ConnectTimeoutException || cause instanceof UnknownHostException
                || cause instanceof ConnectException || cause instanceof NoRouteToHostException
                || cause instanceof SSLException || isPoolExhausted(cause)) {
            return FailureKind.CONNECT_FAILURE;
        }
        if (cause instanceof ReadTimeoutException) {
            return FailureKind.TIMEOUT;
        }
        return FailureKind.RESET;
    }

    static boolean isPoolExhausted(Throwable cause) {
        return cause instanceof UpstreamPoolExhaustedException
                || cause.getClass().getSimpleName().equals("PoolAcquireTimeoutException")
                || cause.getClass().getSimpleName().equals("PoolAcquirePendingLimitException");
    }

    private static Throwable rootOf(Throwable error) {
        Throwable current = error;
        while (current.getCause() != null && current.getCause() != current
                && !(current instanceof UpstreamBlockedException)) {
            // An SSLException is what the TLS phase failed with; its causes (a CertPathBuilderException for an
            // untrusted certificate, say) are no network failure of their own.
            if (current instanceof PrematureCloseException || current instanceof ConnectTimeoutException
                    || current instanceof SSLException) {
                return current;
            }
            current = current.getCause();
        }
        return current;
    }

    private static String safe(String message) {
        return message == null ? "no detail" : message.replaceAll("[\\r\\n]", " ");
    }
}
