package io.gatehouse.gateway.proxy;

/** An answer the gateway makes itself: HTTP status, stable machine code, and a message a person can act on. */
record GatewayError(int status, String code, String message) {

    static GatewayError routeNotFound(String tenant, String path) {
        return new GatewayError(404, "route_not_found", "no route matches " + (path.isEmpty() ? "/" : path)
                + " for tenant '" + tenant + "' - check the tenant slug and the route's pathPrefix"
                + " (call http://HOST:PORT/{tenant}{pathPrefix}...)");
    }

    static GatewayError noTenantInPath() {
        return new GatewayError(404, "route_not_found",
                "the path must start with a tenant slug: http://HOST:PORT/{tenant}{pathPrefix}...");
    }

    static GatewayError dotSegmentInPath() {
        return new GatewayError(400, "invalid_path", "the path contains a '.' or '..' segment (perhaps percent-encoded);"
                + " send the normalised path, e.g. /acme/echo/b instead of /acme/echo/a/../b");
    }

    static GatewayError methodNotAllowed(String method, String route, java.util.Set<String> allowed) {
        return new GatewayError(405, "method_not_allowed", "route '" + route + "' does not accept " + method
                + "; allowed: " + String.join(", ", allowed));
    }

    static GatewayError unauthorized(String message) {
        return new GatewayError(401, "unauthorized", message);
    }

    static GatewayError forbidden(String message) {
        return new GatewayError(403, "forbidden", message);
    }

    static GatewayError payloadTooLarge(long maxBytes) {
        return new GatewayError(413, "payload_too_large", "the body is larger than " + maxBytes + " bytes, the limit"
                + " for signed (AWS SigV4) requests whose body hash the gateway must check - send a smaller body");
    }
}
