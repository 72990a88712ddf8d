/** Console users: sign-in identities for the web console and the admin API, with a role and tenant memberships. */
package io.gatehouse.auth.user;
