/**
 * The request log in the console: a tenant's Logs page (filters, newest-first keyset paging with "Load more", live
 * refresh, CSV export) and the platform admin's Logs page across tenants, both built on {@code LogBrowser}; the log
 * detail dialog with its attempts timeline, the explanation of a gateway-made error and the live "Diagnose now" check
 * of the target.
 */
package io.gatehouse.ui.log;
