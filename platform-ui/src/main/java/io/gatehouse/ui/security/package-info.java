/**
 * Who may use the console and the admin API: form sign-in for the console (Vaadin), HTTP Basic for {@code /api/v1},
 * bcrypt passwords behind a throttle on repeated failed sign-ins (per user name and per client IP), and the sign-in
 * page itself.
 */
package io.gatehouse.ui.security;
