/**
 * The console's "Test" button: sends a request through a route on the local gateway listener, authenticated with
 * the process's console test key, and reports status, timings and the attempts the gateway made.
 */
package io.gatehouse.gateway.probe;
