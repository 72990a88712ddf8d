/**
 * Console pages for tenants: the tenant list, and each tenant's page where its providers (upstreams or mocks) and
 * routes are created, edited and deleted, providers' live health is shown, and a route can be tried with "Test".
 */
package io.gatehouse.ui.tenant;
