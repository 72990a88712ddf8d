package io.gatehouse.gateway.log;

import java.time.Instant;

/**
 * One try of a gateway call against one target: the record the request log stores.
 *
 * @param status    the upstream status, or 0 when there was no response
 * @param errorCode the contract error code when there was no usable response, else null
 * @param decision  what the gateway did next and why ("upstream answered 503; trying ... in 80 ms")
 */
public record Attempt(String provider, String target, Instant startedAt, long latencyMs, int status, String errorCode,
                      String decision) {
    /** How a decision says that the answer's body failed after its head went to the caller. */
    public static final String BODY_CUT_SHORT = "the response body was cut short";
}
