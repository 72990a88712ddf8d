/**
 * Who may do what: the current caller (a console user or the system itself), its role and tenant memberships, and
 * the checks every service method makes before it reads or changes a tenant's objects. A tenant the caller does not
 * belong to looks exactly like a tenant that does not exist.
 */
package io.gatehouse.auth.access;
