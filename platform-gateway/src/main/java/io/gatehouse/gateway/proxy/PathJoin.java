package io.gatehouse.gateway.proxy;

/** Joins a target's base path and the forwarded request path with exactly one '/' between them. */
final class PathJoin {
    private PathJoin() {
    }

    /**
     * @param basePath the target URL's raw path ({@code ""}, {@code "/"}, {@code "/v1"} or {@code "/v1/"})
     * @param rest     the raw request path to append ({@code ""} or starting with '/')
     * @param rawQuery the raw query without '?', or null
     */
    static String join(String basePath, String rest, String rawQuery) {
        String base = basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
        String tail = rest.isEmpty() ? "" : (rest.charAt(0) == '/' ? rest : "/" + rest);
        String path = base + tail;
        if (path.isEmpty()) {
            path = "/";
        }
        return rawQuery == null ? path : path + "?" + rawQuery;
    }
}
