/**
 * The console's people pages: the Users page (platform admins manage everyone, tenant admins the users of their
 * tenants; generated and reset passwords are shown once) and the My account page (own password, personal API tokens
 * for the admin API, shown once with ready-to-paste calls).
 */
package io.gatehouse.ui.user;
