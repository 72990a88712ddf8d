/**
 * Who may use the console and the admin API: form sign-in for the console (Vaadin), HTTP Basic for {@code /api/v1},
 * bcrypt passwords, and the sign-in page itself.
 */
package io.gatehouse.ui.security;
