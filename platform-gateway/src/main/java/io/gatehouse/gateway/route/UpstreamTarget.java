package io.gatehouse.gateway.route;

import java.net.URI;

/**
 * A resolved target: where to connect and the base path that request paths are appended to. {@code origin} is
 * {@code scheme://host:port} with IPv6 hosts bracketed (a mock's URL for a mock), worked out once: pools and health
 * are keyed by it on every call. {@code authority} is the target as a {@code Host} header: the host, bracketed when
 * IPv6, and the port only when it is not the scheme's default.
 */
public record UpstreamTarget(String url, String scheme, String host, int port, String basePath, int weight,
                             String origin, String authority) {

    public UpstreamTarget(String url, String scheme, String host, int port, String basePath, int weight) {
        this(url, scheme, host, port, basePath, weight, origin(url, scheme, host, port), authority(scheme, host, port));
    }

    static UpstreamTarget of(TargetSpec spec) {
        URI uri = URI.create(spec.url());
        String scheme = uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = uri.getPort() > 0 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String host = uri.getHost();
        return new UpstreamTarget(spec.url(), scheme, host, port, path, spec.weight());
    }

    /**
     * The origin the gateway keys a target URL's health by ({@link #origin()}), for views that only have the URL;
     * the URL itself when it cannot be parsed.
     */
    public static String originOf(String url) {
        try {
            return of(new TargetSpec(url.strip(), 1)).origin();
        } catch (IllegalArgumentException | NullPointerException e) {
            return url;
        }
    }

    /** The origin of a mock provider's single virtual target. */
    public static String mockOrigin(String providerName) {
        return mock(providerName).origin();
    }

    /** The virtual target of a mock provider; nothing ever connects to it. */
    static UpstreamTarget mock(String providerName) {
        return new UpstreamTarget("mock://" + providerName, "mock", providerName, 0, "", 1);
    }

    public boolean isMock() {
        return scheme.equals("mock");
    }

    private static String authority(String scheme, String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        boolean defaultPort = port == (scheme.equals("https") ? 443 : 80);
        return defaultPort ? h : h + ":" + port;
    }

    private static String origin(String url, String scheme, String host, int port) {
        if (scheme.equals("mock")) {
            return url;
        }
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + ":" + port;
    }
}
