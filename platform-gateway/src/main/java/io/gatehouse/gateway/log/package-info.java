/**
 * What the gateway remembers about each call: one {@link io.gatehouse.gateway.log.CallRecord} per request (refusals
 * included) with its attempts, handed to every {@link io.gatehouse.gateway.log.CallRecordSink} when the call ends.
 * {@link io.gatehouse.gateway.log.RecentCalls} keeps the latest ones in memory for the console.
 */
package io.gatehouse.gateway.log;
