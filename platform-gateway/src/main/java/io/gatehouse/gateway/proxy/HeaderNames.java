package io.gatehouse.gateway.proxy;

import io.netty.util.AsciiString;

/**
 * Header names the gateway sets or reads on every call, as {@link AsciiString}s: Netty's header map hashes a
 * {@code String} name character by character on each use, an {@code AsciiString} once.
 */
final class HeaderNames {
    static final AsciiString X_REQUEST_ID = AsciiString.cached("X-Request-Id");
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("X-Forwarded-For");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("X-Forwarded-Proto");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("X-Forwarded-Host");
    static final AsciiString FORWARDED = AsciiString.cached("forwarded");
    static final AsciiString X_GATEHOUSE_CREDENTIAL = AsciiString.cached("X-Gatehouse-Credential");
    static final AsciiString X_GATEHOUSE_CONSOLE_TEST = AsciiString.cached(ConsoleTestKey.HEADER);
    static final AsciiString TRACEPARENT = AsciiString.cached(TraceParent.HEADER);
    static final AsciiString X_GATEWAY_ATTEMPTS = AsciiString.cached("X-Gateway-Attempts");
    static final AsciiString X_GATEWAY_LATENCY = AsciiString.cached("X-Gateway-Latency");
    static final AsciiString X_UPSTREAM_LATENCY = AsciiString.cached("X-Upstream-Latency");

    private HeaderNames() {
    }
}
