package io.gatehouse.gateway.jwks;

import java.io.IOException;

/** Gets the raw bytes of a JWKS document. Blocking; only ever called on the JWKS fetch threads. */
@FunctionalInterface
interface JwksFetcher {
    byte[] fetch(String url) throws IOException;
}
