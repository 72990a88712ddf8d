/** Tenants: the unit of isolation. Every provider, route, key and log line belongs to exactly one tenant. */
package io.gatehouse.auth.tenant;
