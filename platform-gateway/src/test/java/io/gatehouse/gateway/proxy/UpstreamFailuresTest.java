package io.gatehouse.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.gateway.route.UpstreamTarget;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.PrematureCloseException;

class UpstreamFailuresTest {
    private static final UpstreamTarget TARGET =
            new UpstreamTarget("http://10.1.2.3:9000", "http", "10.1.2.3", 9000, "", 1);

    private static GatewayError explain(Throwable error) {
        return UpstreamFailures.explain(error, TARGET, 2000, 300, 30000);
    }

    @Test
    void refusedConnectionIsUpstreamConnectFailedNamingHostAndPort() {
        GatewayError error = explain(new ConnectException("Connection refused"));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_connect_failed");
        assertThat(error.message()).contains("10.1.2.3:9000");
    }

    @Test
    void aWrappedConnectExceptionIsFoundThroughItsCauses() {
        GatewayError error = explain(new RuntimeException("outer", new IOException("middle",
                new ConnectException("Connection refused"))));

        assertThat(error.code()).isEqualTo("upstream_connect_failed");
        assertThat(error.message()).contains("10.1.2.3:9000");
    }

    @Test
    void connectTimeoutIsUpstreamConnectFailedWithTheTimeout() {
        GatewayError error = explain(new ConnectTimeoutException("connection timed out"));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_connect_failed");
        assertThat(error.message()).contains("10.1.2.3:9000").contains("2000 ms");
    }

    @Test
    void dnsFailureIsUpstreamConnectFailed() {
        GatewayError error = explain(new UnknownHostException("nope.invalid"));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_connect_failed");
        assertThat(error.message()).contains("10.1.2.3");
    }

    @Test
    void tlsFailureIsUpstreamConnectFailed() {
        GatewayError error = explain(new SSLHandshakeException("PKIX path building failed"));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_connect_failed");
    }

    @Test
    void anUntrustedCertificateIsAConnectFailureThoughTheHandshakeExceptionHasACause() {
        SSLHandshakeException untrusted = new SSLHandshakeException("PKIX path building failed");
        untrusted.initCause(new java.security.cert.CertPathValidatorException("unable to find valid certification"
                + " path to requested target"));

        assertThat(explain(untrusted).code()).isEqualTo("upstream_connect_failed");
        assertThat(UpstreamFailures.kindOf(untrusted)).isEqualTo(io.gatehouse.gateway.retry.FailureKind.CONNECT_FAILURE);
    }

    @Test
    void readTimeoutIsUpstreamTimeoutNamingTheResponseTimeout() {
        GatewayError error = explain(ReadTimeoutException.INSTANCE);

        assertThat(error.status()).isEqualTo(504);
        assertThat(error.code()).isEqualTo("upstream_timeout");
        assertThat(error.message()).contains("300 ms");
    }

    @Test
    void routeDeadlineIsUpstreamTimeout() {
        GatewayError error = explain(new TimeoutException("Did not observe any item"));

        assertThat(error.status()).isEqualTo(504);
        assertThat(error.code()).isEqualTo("upstream_timeout");
        assertThat(error.message()).contains("30000 ms");
    }

    @Test
    void prematureCloseIsUpstreamReset() {
        GatewayError error = explain(new RuntimeException(PrematureCloseException.TEST_EXCEPTION));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_reset");
    }

    @Test
    void aResetConnectionIsUpstreamReset() {
        GatewayError error = explain(new IOException("Connection reset by peer"));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_reset");
    }

    @Test
    void anUnparseableResponseIsUpstreamInvalidResponse() {
        GatewayError error = explain(new DecoderException("invalid version format"));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_invalid_response");
    }

    @Test
    void aBlockedAddressIsUpstreamBlocked() {
        GatewayError error = explain(new RuntimeException(new UpstreamBlockedException("the target resolved to 10.1.2.3")));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.code()).isEqualTo("upstream_blocked");
        assertThat(error.message()).contains("10.1.2.3");
    }

    @Test
    void anythingElseIsStillABadGatewayWithoutLineBreaksInTheMessage() {
        GatewayError error = explain(new IllegalStateException("weird\r\nthing"));

        assertThat(error.status()).isEqualTo(502);
        assertThat(error.message()).doesNotContain("\r", "\n");
        GatewayError io = explain(new IOException("line1\r\nline2"));
        assertThat(io.message()).doesNotContain("\r", "\n");
    }
}
