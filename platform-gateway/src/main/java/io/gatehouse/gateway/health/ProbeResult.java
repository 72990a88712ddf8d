package io.gatehouse.gateway.health;

/** One probe's outcome: passed (2xx or 3xx in time) or not, and what was seen, e.g. "200 in 12 ms". */
record ProbeResult(boolean passed, String detail) {
}
