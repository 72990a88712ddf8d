/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) verification of AKSK tenant keys, plus a matching signer for
 * tests, benchmarks and the console's code snippets.
 */
package io.gatehouse.auth.authn.sigv4;
