/**
 * The console's dashboard: traffic, error rate by status class, latency percentiles, top routes and failing
 * upstreams for the last hour or day, across tenants or for one, drawn as server-side SVG charts.
 */
package io.gatehouse.ui.dashboard;
