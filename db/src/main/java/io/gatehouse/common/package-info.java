/**
 * Outcomes every service boundary may report, independent of transport: the admin API maps them to RFC 9457
 * problems (400, 404, 409), the console shows them next to the field. Also the parts the paged, exportable lists
 * (request log, audit trail) share: query parameters, the tamper-checked keyset cursor, CSV cells and rows streamed
 * from a database cursor.
 */
package io.gatehouse.common;
