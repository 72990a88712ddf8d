package io.gatehouse.auth.authn.sigv4;

import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.GatewayRequest;
import io.gatehouse.auth.authn.Hashes;
import io.gatehouse.auth.authn.SecretVersion;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Shared helpers for the SigV4 tests: credentials, lookups, and requests built the way the gateway sees them. */
final class SigV4Fixtures {
    static final String AK = "AKGATEHOUSETEST0001";
    static final String SK = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYGATEHOUSE";

    private SigV4Fixtures() {
    }

    static ActiveCredential aksk(String accessKey, String... secrets) {
        List<SecretVersion> versions = new ArrayList<>();
        for (String s : secrets) {
            versions.add(new SecretVersion(s.getBytes(StandardCharsets.UTF_8), null));
        }
        return credential(CredentialType.AKSK, accessKey, null, false, versions);
    }

    static ActiveCredential credential(CredentialType type, String accessKey, Instant expiresAt, boolean revoked,
                                       List<SecretVersion> secrets) {
        return new ActiveCredential("cred-1", "acme", type, "batch", accessKey, null, expiresAt, revoked, secrets,
                null, null);
    }

    static CredentialLookup lookup(ActiveCredential credential) {
        return key -> key.equals(credential.accessKey()) ? Optional.of(credential) : Optional.empty();
    }

    /** A request as the gateway would see it after a client sent {@code url} with these headers and body. */
    static GatewayRequest request(String method, String url, Map<String, String> headers, byte[] body) {
        URI uri = URI.create(url);
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", new ArrayList<>(List.of(SigV4Signer.hostHeader(uri))));
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), new ArrayList<>(List.of(v))));
        return new GatewayRequest(method, uri.getRawPath(), uri.getRawQuery(), h, body);
    }

    /** Signs with {@link SigV4Signer} and returns the request the gateway would see. */
    static GatewayRequest signed(String method, String url, Map<String, String> extraHeaders, byte[] body,
                                 String secret, String service, Instant at) {
        Map<String, String> all = new LinkedHashMap<>(extraHeaders);
        all.putAll(SigV4Signer.sign(method, url, extraHeaders, body, AK, secret, "us-east-1", service, at));
        return request(method, url, all, body);
    }

    static GatewayRequest withHeader(GatewayRequest r, String name, String value) {
        Map<String, List<String>> h = new LinkedHashMap<>(r.headers());
        if (value == null) {
            h.remove(name);
        } else {
            h.put(name, List.of(value));
        }
        return new GatewayRequest(r.method(), r.rawPath(), r.rawQuery(), h, r.body());
    }

    static GatewayRequest withBody(GatewayRequest r, byte[] body) {
        return new GatewayRequest(r.method(), r.rawPath(), r.rawQuery(), r.headers(), body);
    }

    static GatewayRequest withTarget(GatewayRequest r, String rawPath, String rawQuery) {
        return new GatewayRequest(r.method(), rawPath, rawQuery, r.headers(), r.body());
    }

    /**
     * Signs by hand, for requests {@link SigV4Signer} deliberately does not produce (a header left unsigned, another
     * scope date, a client's own URI/query canonicalisation). Adds Authorization to {@code request}'s headers.
     */
    static GatewayRequest signManually(GatewayRequest request, List<String> signedNames, String canonicalUri,
                                       String canonicalQuery, String scopeDate, String service, String secret) {
        try {
            String amzDate = request.header("x-amz-date");
            String payload = Hashes.sha256Hex(request.body() == null ? new byte[0] : request.body());
            String signedText = String.join(";", signedNames);
            String creq = CanonicalRequest.of(request.method(), canonicalUri, canonicalQuery,
                    CanonicalRequest.canonicalHeaders(request.headers(), signedNames), signedText, payload);
            String scope = scopeDate + "/us-east-1/" + service + "/aws4_request";
            byte[] key = SigningKey.derive(secret.getBytes(StandardCharsets.UTF_8), scopeDate, "us-east-1", service);
            String sig = Hashes.hex(SigningKey.sign(key, SigningKey.stringToSign(amzDate, scope, creq)));
            return withHeader(request, "authorization", "AWS4-HMAC-SHA256 Credential=" + AK + "/" + scope
                    + ", SignedHeaders=" + signedText + ", Signature=" + sig);
        } catch (Refusal r) {
            throw new AssertionError(r.reason());
        }
    }

    /** An unsigned request with host and x-amz-date set, ready for {@link #signManually}. */
    static GatewayRequest unsigned(String method, String rawPath, String rawQuery, Instant at, byte[] body) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("gw.example.com"));
        h.put("x-amz-date", List.of(AmzDate.format(at)));
        return new GatewayRequest(method, rawPath, rawQuery, h, body);
    }
}
