package io.gatehouse.ui.base;

import com.vaadin.flow.server.VaadinServletRequest;

/** Where the browser reached the console, for examples a person can paste (the gateway shares the host). */
public final class RequestUrls {
    private RequestUrls() {
    }

    /** The host name of the current request, bracketed when it is an IPv6 address; "localhost" outside a request. */
    public static String host() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        String host = request == null || request.getServerName() == null ? "localhost" : request.getServerName();
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /** The console's base URL as the browser used it, e.g. {@code http://localhost:8080}, without a trailing slash. */
    public static String consoleBase() {
        VaadinServletRequest request = VaadinServletRequest.getCurrent();
        if (request == null) {
            return "http://localhost:8080";
        }
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
        return scheme + "://" + host() + (defaultPort || port <= 0 ? "" : ":" + port) + request.getContextPath();
    }
}
