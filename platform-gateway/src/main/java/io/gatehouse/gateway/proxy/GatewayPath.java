package io.gatehouse.gateway.proxy;

/**
 * A gateway request URI split into tenant slug, the raw path after it and the raw query. Nothing is decoded, so
 * encoded characters reach the upstream exactly as the caller sent them.
 */
record GatewayPath(String tenant, String path, String rawQuery) {

    /** Returns null when the URI has no tenant segment or is not origin-form. */
    static GatewayPath parse(String uri) {
        if (uri == null || uri.isEmpty() || uri.charAt(0) != '/') {
            return null;
        }
        int queryStart = uri.indexOf('?');
        String rawPath = queryStart < 0 ? uri : uri.substring(0, queryStart);
        String query = queryStart < 0 ? null : uri.substring(queryStart + 1);
        int fragment = rawPath.indexOf('#');
        if (fragment >= 0) {
            rawPath = rawPath.substring(0, fragment);
        }
        int slash = rawPath.indexOf('/', 1);
        String tenant = slash < 0 ? rawPath.substring(1) : rawPath.substring(1, slash);
        if (tenant.isEmpty()) {
            return null;
        }
        String rest = slash < 0 ? "" : rawPath.substring(slash);
        return new GatewayPath(tenant, rest, query);
    }
}
