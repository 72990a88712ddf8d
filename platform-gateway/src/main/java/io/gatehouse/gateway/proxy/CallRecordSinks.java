package io.gatehouse.gateway.proxy;

import io.gatehouse.gateway.log.CallRecord;
import io.gatehouse.gateway.log.CallRecordSink;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Hands each finished call to every sink; a failing sink is logged and never breaks the request or the others. */
final class CallRecordSinks implements CallRecordSink {
    private static final Logger LOG = LoggerFactory.getLogger(CallRecordSinks.class);

    private final List<CallRecordSink> sinks;

    CallRecordSinks(List<CallRecordSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    @Override
    public void accept(CallRecord record) {
        for (CallRecordSink sink : sinks) {
            try {
                sink.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("call record sink {} failed for request {}: {}", sink.getClass().getSimpleName(),
                        record.requestId(), e.toString());
            }
        }
    }
}
