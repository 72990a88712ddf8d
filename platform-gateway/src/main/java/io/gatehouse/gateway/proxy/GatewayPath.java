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

    /**
     * True when a segment of the raw path is {@code .} or {@code ..}, also percent-encoded or with {@code ;} path
     * parameters ({@code ..;}). Such a path would pass a route's prefix here and climb out of it at an upstream that
     * normalises paths - reaching another route's upstream path without that route's credentials.
     */
    static boolean hasDotSegment(String rawPath) {
        int start = 0;
        int length = rawPath.length();
        while (start <= length) {
            int end = start;
            int nameEnd = -1;
            while (end < length && rawPath.charAt(end) != '/') {
                if (nameEnd < 0 && rawPath.charAt(end) == ';') {
                    nameEnd = end;
                }
                end++;
            }
            int dots = dots(rawPath, start, nameEnd < 0 ? end : nameEnd);
            if (dots == 1 || dots == 2) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** How many dots ({@code .} or {@code %2e}) make up {@code path[from, to)}; -1 when anything else is there too. */
    private static int dots(String path, int from, int to) {
        int dots = 0;
        int i = from;
        while (i < to) {
            if (path.charAt(i) == '.') {
                i++;
            } else if (i + 3 <= to && path.regionMatches(true, i, "%2e", 0, 3)) {
                i += 3;
            } else {
                return -1;
            }
            dots++;
        }
        return dots;
    }
}
