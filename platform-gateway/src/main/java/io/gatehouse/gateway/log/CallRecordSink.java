package io.gatehouse.gateway.log;

/**
 * Receives every finished gateway call. Called on the gateway's event loop: implementations must not block
 * (queue the record and return).
 */
public interface CallRecordSink {
    void accept(CallRecord record);
}
