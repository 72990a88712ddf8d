/** The audit trail: an append-only record of who changed what, when and from where. Never holds a secret. */
package io.gatehouse.auth.audit;
