package io.gatehouse.gateway.proxy;

/** No connection to a target became free in time, or too many calls already wait for one. */
final class UpstreamPoolExhaustedException extends RuntimeException {
    UpstreamPoolExhaustedException(String message) {
        super(message, null, false, false);
    }
}
