package io.gatehouse.gateway.proxy;

/** The connection reached an address the SSRF guard refuses; nothing was sent to it. */
class UpstreamBlockedException extends RuntimeException {
    UpstreamBlockedException(String message) {
        super(message, null, false, false);
    }
}
