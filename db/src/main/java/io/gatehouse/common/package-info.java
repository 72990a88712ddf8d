/**
 * Outcomes every service boundary may report, independent of transport: the admin API maps them to RFC 9457
 * problems (400, 404, 409), the console shows them next to the field.
 */
package io.gatehouse.common;
