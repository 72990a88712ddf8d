/**
 * The audit trail in the console: the Audit page (filters by tenant, actor, action and time; newest-first keyset
 * paging with "Load more"; each entry in full on click; CSV download of the filtered trail). Read-only, as the trail is
 * append-only.
 */
package io.gatehouse.ui.audit;
