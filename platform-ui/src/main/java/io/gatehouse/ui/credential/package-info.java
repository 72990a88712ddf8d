/**
 * The console's tenant keys page: list, filter, issue, rotate and revoke a tenant's credentials, and show a new
 * secret exactly once together with ready-to-run calls of the tenant's gateway routes.
 */
package io.gatehouse.ui.credential;
