/**
 * The admin REST API ({@code /api/v1}, contract section 2): thin controllers over the services, and the mapping of
 * every failure to an RFC 9457 problem - 400 with field errors, 404, 409, never a 500 for bad input.
 */
package io.gatehouse.ui.api;
