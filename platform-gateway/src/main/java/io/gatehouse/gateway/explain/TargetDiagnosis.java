package io.gatehouse.gateway.explain;

import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Checks an upstream target live, the way the gateway reaches it, one step at a time: DNS resolution, the upstream
 * address policy for every address (a blocked address stops the check, as it stops the gateway), TCP connect, the TLS
 * handshake for https (certificate and host name verified), then one HTTP request on the same connection:
 * {@code GET healthPath} when the provider has a health check, else {@code HEAD /}. Redirects are reported, never
 * followed. Blocking; run it off the UI thread. Each network step is bounded by {@code timeout}.
 */
public final class TargetDiagnosis {
    private final UpstreamAddressPolicy policy;
    private final int timeoutMs;

    public TargetDiagnosis(UpstreamAddressPolicy policy, Duration timeout) {
        this.policy = policy;
        this.timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    /** Runs every step until one fails; {@code onStep} sees each step as it finishes. */
    public List<DiagnosisStep> run(String targetUrl, String healthPath, Consumer<DiagnosisStep> onStep) {
        Run run = new Run(onStep);
        URI uri;
        try {
            uri = URI.create(targetUrl == null ? "" : targetUrl.strip());
        } catch (IllegalArgumentException e) {
            run.add("URL", false, "not a valid URL: " + e.getMessage(), 0);
            return run.steps;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost();
        if (!(scheme.equals("http") || scheme.equals("https")) || host == null) {
            run.add("URL", false, "'" + targetUrl + "' is not an http:// or https:// URL with a host", 0);
            return run.steps;
        }
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;

        List<InetAddress> addresses = resolve(run, bareHost);
        if (addresses == null || !policyAllows(run, bareHost, addresses)) {
            return run.steps;
        }
        long start = System.nanoTime();
        InetAddress address = addresses.get(0);
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address, port), timeoutMs);
            } catch (SocketTimeoutException e) {
                run.add("TCP connect", false, "no connection to " + hostPort(address, port) + " within " + timeoutMs
                        + " ms - the host is down, or a firewall drops the packets", run.since(start));
                return run.steps;
            } catch (IOException e) {
                run.add("TCP connect", false, "could not connect to " + hostPort(address, port) + ": " + message(e)
                        + " - is the service running and listening on that port?", run.since(start));
                return run.steps;
            }
            run.add("TCP connect", true, "connected to " + hostPort(address, port), run.since(start));
            socket.setSoTimeout(timeoutMs);
            Socket channel = socket;
            if (tls) {
                channel = handshake(run, socket, bareHost, port);
                if (channel == null) {
                    return run.steps;
                }
            }
            http(run, channel, uri, healthPath, port, tls);
        } catch (IOException e) {
            run.add("TCP connect", false, message(e), run.since(start));
        }
        return run.steps;
    }

    private List<InetAddress> resolve(Run run, String host) {
        Optional<String> spelling = policy.hostSpellingProblem(host);
        if (spelling.isPresent()) {
            run.add("DNS", false, spelling.get(), 0);
            return null;
        }
        long start = System.nanoTime();
        try {
            List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(host));
            run.add("DNS", true, host + " \u2192 " + addresses.stream().map(InetAddress::getHostAddress)
                    .collect(Collectors.joining(", ")), run.since(start));
            return addresses;
        } catch (UnknownHostException e) {
            run.add("DNS", false, "'" + host + "' does not resolve: " + message(e) + " - check the host name in the"
                    + " target URL and the gateway's DNS settings", run.since(start));
            return null;
        }
    }

    private boolean policyAllows(Run run, String host, List<InetAddress> addresses) {
        long start = System.nanoTime();
        for (InetAddress address : addresses) {
            Optional<String> reason = policy.blockReason(address);
            if (reason.isPresent()) {
                run.add("Address policy", false, address.getHostAddress() + " (" + host + ") is " + reason.get()
                        + " - " + UpstreamAddressPolicy.hint(), run.since(start));
                return false;
            }
        }
        run.add("Address policy", true, "every address is allowed", run.since(start));
        return true;
    }

    private Socket handshake(Run run, Socket socket, String host, int port) {
        long start = System.nanoTime();
        try {
            SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, host, port, false);
            SSLParameters parameters = ssl.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.setSSLParameters(parameters);
            ssl.setSoTimeout(timeoutMs);
            ssl.startHandshake();
            String detail = ssl.getSession().getProtocol();
            if (ssl.getSession().getPeerCertificates()[0] instanceof X509Certificate cert) {
                detail += ", certificate " + cert.getSubjectX500Principal().getName() + ", valid until "
                        + cert.getNotAfter().toInstant();
            }
            run.add("TLS handshake", true, detail, run.since(start));
            return ssl;
        } catch (IOException e) {
            run.add("TLS handshake", false, "TLS handshake failed: " + message(e) + " - check the certificate (expiry,"
                    + " host name, issuer) and that the target really speaks https", run.since(start));
            return null;
        }
    }

    private void http(Run run, Socket channel, URI uri, String healthPath, int port, boolean tls) {
        boolean health = healthPath != null && !healthPath.isBlank();
        String method = health ? "GET" : "HEAD";
        String path = join(uri.getRawPath(), health ? healthPath.strip() : "/");
        boolean defaultPort = port == (tls ? 443 : 80);
        String hostHeader = uri.getHost() + (defaultPort ? "" : ":" + port);
        long start = System.nanoTime();
        try {
            OutputStream out = channel.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: gatehouse-diagnose"
                    + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = readHead(channel.getInputStream());
            String statusLine = head.lines().findFirst().orElse("");
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("[1-5][0-9][0-9]")) {
                run.add("HTTP", false, method + " " + path + ": the answer is not HTTP ('" + printable(statusLine)
                        + "') - check the target's scheme and port", run.since(start));
                return;
            }
            int status = Integer.parseInt(parts[1]);
            String location = head.lines().filter(l -> l.regionMatches(true, 0, "Location:", 0, 9))
                    .map(l -> l.substring(9).strip()).findFirst().orElse(null);
            boolean ok = health ? status < 400 : status < 500;
            String detail = method + " " + path + " \u2192 " + printable(statusLine)
                    + (location != null && status / 100 == 3 ? " (redirect to " + printable(location) + " not followed)" : "")
                    + (ok ? "" : health ? " - the health check path must answer 2xx or 3xx" : " - the upstream answers"
                    + " with a server error");
            run.add("HTTP", ok, detail, run.since(start));
        } catch (SocketTimeoutException e) {
            run.add("HTTP", false, method + " " + path + ": no response head within " + timeoutMs + " ms - the"
                    + " upstream accepts connections but does not answer (overloaded or hung)", run.since(start));
        } catch (IOException e) {
            run.add("HTTP", false, method + " " + path + " failed: " + message(e)
                    + " - the upstream closed or reset the connection", run.since(start));
        }
    }

    /** Reads up to the end of the response head (or 8 KiB), whichever comes first. */
    private static String readHead(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        int length = 0;
        while (length < buffer.length) {
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
            if (new String(buffer, 0, length, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                break;
            }
        }
        if (length == 0) {
            throw new IOException("connection closed without an answer");
        }
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
    }

    static String join(String base, String path) {
        String b = base == null || base.isEmpty() ? "" : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String p = path.startsWith("/") ? path : "/" + path;
        return b + p;
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String printable(String text) {
        String s = text.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 200 ? s.substring(0, 200) + "\u2026" : s;
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : printable(e.getMessage());
    }

    private static final class Run {
        final List<DiagnosisStep> steps = new ArrayList<>();
        final Consumer<DiagnosisStep> onStep;

        Run(Consumer<DiagnosisStep> onStep) {
            this.onStep = onStep == null ? s -> { } : onStep;
        }

        void add(String name, boolean ok, String detail, long ms) {
            DiagnosisStep step = new DiagnosisStep(name, ok, detail, ms);
            steps.add(step);
            onStep.accept(step);
        }

        long since(long startNanos) {
            return (System.nanoTime() - startNanos) / 1_000_000;
        }
    }
}
