/**
 * Console pages for tenants: the tenant list, and each tenant's page where its providers (upstreams) and routes
 * are created, edited and deleted.
 */
package io.gatehouse.ui.tenant;
