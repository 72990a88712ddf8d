/**
 * Which upstream addresses the gateway may talk to: the SSRF guard that refuses loopback, private, link-local,
 * unique-local and metadata addresses unless the operator allow-lists them ({@code PLATFORM_UPSTREAM_ALLOWLIST}).
 */
package io.gatehouse.gateway.upstream;
