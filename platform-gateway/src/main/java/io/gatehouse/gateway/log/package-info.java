/**
 * What the gateway remembers about each call: one {@link io.gatehouse.gateway.log.CallRecord} per request (refusals
 * included) with its attempts, handed to every {@link io.gatehouse.gateway.log.CallRecordSink} when the call ends.
 * {@link io.gatehouse.gateway.log.RecentCalls} keeps the latest ones in memory for the console;
 * {@link io.gatehouse.gateway.log.RequestLogWriter} queues them and writes them to the {@code request_log} table in
 * JDBC batches; {@link io.gatehouse.gateway.log.RequestLogService} reads them back (filtered pages with keyset
 * cursors, CSV export) per tenant; {@link io.gatehouse.gateway.log.RequestLogRetention} deletes old rows.
 */
package io.gatehouse.gateway.log;
