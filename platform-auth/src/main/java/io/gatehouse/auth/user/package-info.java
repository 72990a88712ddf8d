/**
 * Console users: sign-in identities for the web console and the admin API, with a role and tenant memberships;
 * managing them (with password rules and one-time generated passwords) and their personal admin API tokens.
 */
package io.gatehouse.auth.user;
