/**
 * Micrometer meters for the gateway (scraped at {@code /actuator/prometheus} on the console port): requests by
 * tenant, route and status class; upstream attempts by outcome; retries; targets out of rotation; circuit states.
 */
package io.gatehouse.gateway.metrics;
