/** HTTP Basic (RFC 7617) verification of platform-issued username/password keys. */
package io.gatehouse.auth.authn.basic;
