package io.gatehouse.auth.authn.sigv4;

import io.gatehouse.auth.authn.Hashes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request with AWS Signature Version 4, the way {@link SigV4Verifier} checks it (path signed as sent, S3
 * style, like {@code curl --aws-sigv4}). For tests, benchmarks and the console's code snippets.
 */
public final class SigV4Signer {

    private SigV4Signer() {
    }

    /**
     * Returns the headers to add to the request: {@code Authorization}, {@code X-Amz-Date} and
     * {@code X-Amz-Content-Sha256}. Every header in {@code headers} is signed, as are {@code host} (taken from the
     * URL unless {@code headers} has one), {@code x-amz-date} and {@code x-amz-content-sha256}.
     *
     * @param url     the full http(s) URL the request goes to; non-ASCII characters are signed percent-encoded
     *                (upper-case hex), as Java's HTTP client sends them
     * @param headers other headers the request will carry (may be empty or null); names are case-insensitive
     * @param body    the complete body (null = empty)
     */
    public static Map<String, String> sign(String method, String url, Map<String, String> headers, byte[] body,
                                           String accessKey, String secretKey, String region, String service,
                                           Instant now) {
        URI uri = URI.create(URI.create(url).toASCIIString());
        String amzDate = AmzDate.format(now);
        String payloadHash = Hashes.sha256Hex(body == null ? new byte[0] : body);

        TreeMap<String, List<String>> signed = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        }
        signed.remove("authorization");
        signed.putIfAbsent("host", List.of(hostHeader(uri)));
        signed.put("x-amz-date", List.of(amzDate));
        signed.put("x-amz-content-sha256", List.of(payloadHash));
        List<String> names = List.copyOf(signed.keySet());
        String signedHeaders = String.join(";", names);

        String canonicalHeaders;
        try {
            canonicalHeaders = CanonicalRequest.canonicalHeaders(signed, names);
        } catch (Refusal impossible) {
            throw new IllegalStateException(impossible.reason());
        }
        String canonical = CanonicalRequest.of(method.toUpperCase(Locale.ROOT),
                CanonicalRequest.asSentUri(uri.getRawPath()), CanonicalRequest.canonicalQuery(uri.getRawQuery()),
                canonicalHeaders, signedHeaders, payloadHash);
        String date = amzDate.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/" + AuthorizationHeader.TERMINATOR;
        byte[] key = SigningKey.derive(secretKey.getBytes(StandardCharsets.UTF_8), date, region, service);
        String signature = Hashes.hex(SigningKey.sign(key, SigningKey.stringToSign(amzDate, scope, canonical)));

        Map<String, String> out = new LinkedHashMap<>();
        out.put("Authorization", AuthorizationHeader.ALGORITHM + " Credential=" + accessKey + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        out.put("X-Amz-Date", amzDate);
        out.put("X-Amz-Content-Sha256", payloadHash);
        return out;
    }

    /** host[:port], the port only when it is not the scheme's default - what HTTP clients send. */
    static String hostHeader(URI uri) {
        String host = uri.getHost() == null ? uri.getRawAuthority() : uri.getHost();
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? host : host + ":" + port;
    }
}
