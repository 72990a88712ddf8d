/**
 * What the gateway remembers about each call: one {@link io.gatehouse.gateway.log.CallRecord} per request (refusals
 * included) with its attempts, handed to every {@link io.gatehouse.gateway.log.CallRecordSink} when the call ends.
 * {@link io.gatehouse.gateway.log.RecentCalls} keeps the latest ones in memory for the console;
 * {@link io.gatehouse.gateway.log.RequestLogWriter} queues them and writes them in batches as blocks of up to 1024
 * calls of one tenant ({@code request_log_block}: {@code LogBlocks}, {@code LogBlockCodec}, with a header per block
 * that filters can rule it out by); {@link io.gatehouse.gateway.log.RequestLogService} reads them back (filtered
 * pages with keyset cursors, CSV export) per tenant, merging blocks newest first ({@code LogScan},
 * {@code LogMatch}); {@link io.gatehouse.gateway.log.LogStatsService} counts them for the dashboard;
 * {@link io.gatehouse.gateway.log.RequestLogRetention} deletes old calls.
 */
package io.gatehouse.gateway.log;
