package io.gatehouse.gateway.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Lets the console's "Test" button call a protected route without a tenant key. The key is random per process,
 * lives only in memory, is accepted only from a loopback address, compared in constant time, and stripped before
 * the request goes upstream. Calls made with it are logged with credential type {@value #CREDENTIAL_TYPE}.
 */
@Component
public class ConsoleTestKey {
    public static final String HEADER = "x-gatehouse-console-test";
    static final String CREDENTIAL_TYPE = "CONSOLE_TEST";
    static final UpstreamForwarder.CallerHeaders CALLER = new UpstreamForwarder.CallerHeaders(
            List.of(HeaderNames.X_GATEHOUSE_CONSOLE_TEST), null);

    private final byte[] key;

    public ConsoleTestKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        key = Base64.getUrlEncoder().withoutPadding().encodeToString(random).getBytes(StandardCharsets.US_ASCII);
    }

    /** The value to send in {@link #HEADER}; only for the console's own requests to the local gateway. */
    public String value() {
        return new String(key, StandardCharsets.US_ASCII);
    }

    boolean presentedBy(CallerRequest request) {
        String presented = request.requestHeaders().get(HEADER);
        if (presented == null) {
            return false;
        }
        InetSocketAddress remote = request.remoteAddress();
        boolean loopback = remote != null && remote.getAddress() != null && remote.getAddress().isLoopbackAddress();
        boolean matches = MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.US_ASCII));
        return loopback & matches;
    }

    @Override
    public String toString() {
        return "ConsoleTestKey[hidden]";
    }
}
