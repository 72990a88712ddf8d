/**
 * The audit trail: an append-only record of who changed what, when and from where. {@code AuditTrail} adds entries
 * in the transaction of the change; {@code AuditLog} reads them - filtered newest-first pages with keyset cursors and
 * a streamed CSV export, limited to the tenants the caller may see. No code path updates or deletes an entry. Never
 * holds a secret.
 */
package io.gatehouse.auth.audit;
