package io.gatehouse.auth.authn.sigv4;

import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.CredentialState;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.GatewayRequest;
import io.gatehouse.auth.authn.Hashes;
import io.gatehouse.auth.authn.SecretVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) requests signed with an AKSK tenant key.
 *
 * <p>Checks, in order: the Authorization header's shape, the scope's service, {@code x-amz-date} (present, within the
 * allowed skew, same day as the scope), that {@code host} and {@code x-amz-date} are signed and every signed header is
 * present, the payload hash, the credential's state, the signature (against every secret version usable now), and
 * finally that a POST/PATCH signature is not a replay. The canonical request is built with the path as sent (S3 style,
 * like curl) and, failing that, with the path encoded once more (the non-S3 AWS form botocore uses); the query in its
 * AWS canonical form and, failing that, exactly as sent (what curl before 8.x signs). Thread-safe; never throws for
 * bad input.
 */
public final class SigV4Verifier {
    static final String MISMATCH = "signature does not match: check the secret key, the region/service in the scope"
            + " (service must be 'gateway'), and that the body and signed headers were not changed after signing";
    static final String UNEXPECTED = "could not verify the SigV4 signature of this request";
    private static final long REPLAY_CACHE_SIZE = 1_000_000;
    private static final HexFormat HEX = HexFormat.of();

    private final Duration allowedClockSkew;
    private final String requiredService;
    private final ReplayGuard replayGuard;

    /**
     * @param allowedClockSkew how far {@code x-amz-date} may be from the server clock (the gateway uses 300 s)
     * @param requiredService  the service the credential scope must name (the gateway uses {@code gateway})
     */
    public SigV4Verifier(Duration allowedClockSkew, String requiredService) {
        this.allowedClockSkew = Objects.requireNonNull(allowedClockSkew, "allowedClockSkew");
        this.requiredService = Objects.requireNonNull(requiredService, "requiredService");
        if (allowedClockSkew.isNegative() || allowedClockSkew.isZero()) {
            throw new IllegalArgumentException("allowedClockSkew must be positive");
        }
        this.replayGuard = new ReplayGuard(allowedClockSkew, REPLAY_CACHE_SIZE);
    }

    /** Verified(credential) when genuine and usable now; otherwise Refused with an actionable reason. */
    public AuthResult verify(GatewayRequest request, CredentialLookup lookup, Instant now) {
        try {
            return new AuthResult.Verified(check(request, lookup, now));
        } catch (Refusal r) {
            return AuthResult.refused(r.reason());
        } catch (RuntimeException e) {
            return AuthResult.refused(UNEXPECTED);
        }
    }

    private ActiveCredential check(GatewayRequest request, CredentialLookup lookup, Instant now) throws Refusal {
        Map<String, List<String>> headers = request.headers() == null ? Map.of() : request.headers();
        AuthorizationHeader auth = AuthorizationHeader.parse(first(headers, "authorization"));
        if (!requiredService.equals(auth.service())) {
            throw new Refusal("credential scope names service '" + AuthorizationHeader.printable(auth.service())
                    + "' but this gateway requires '" + requiredService + "': sign with service name '"
                    + requiredService + "'");
        }
        String amzDate = first(headers, "x-amz-date");
        Instant requestTime = AmzDate.parse(amzDate);
        AmzDate.checkSkew(requestTime, now, allowedClockSkew);
        amzDate = amzDate.strip();
        if (!amzDate.startsWith(auth.date())) {
            throw new Refusal("credential scope date " + auth.date() + " does not match the x-amz-date day "
                    + amzDate.substring(0, 8) + ": sign with the same date in both");
        }
        if (!auth.signedHeaders().contains("host") || !auth.signedHeaders().contains("x-amz-date")) {
            throw new Refusal("SignedHeaders must include host and x-amz-date, got '"
                    + AuthorizationHeader.printable(auth.signedHeadersText()) + "'");
        }
        String canonicalHeaders = CanonicalRequest.canonicalHeaders(headers, auth.signedHeaders());
        String payloadHash = payloadHash(request.body(), first(headers, "x-amz-content-sha256"));

        ActiveCredential credential = findCredential(lookup, auth.accessKey(), now);
        String method = request.method() == null ? "" : request.method().toUpperCase(Locale.ROOT);
        List<String> stringsToSign = new ArrayList<>(4);
        for (String uri : uriCandidates(request.rawPath())) {
            for (String query : queryCandidates(request.rawQuery())) {
                String canonical = CanonicalRequest.of(method, uri, query, canonicalHeaders, auth.signedHeadersText(),
                        payloadHash);
                stringsToSign.add(SigningKey.stringToSign(amzDate, auth.scope(), canonical));
            }
        }
        if (!matches(credential, auth, stringsToSign, now)) {
            throw new Refusal(MISMATCH);
        }
        if ((method.equals("POST") || method.equals("PATCH")) && !replayGuard.firstUse(auth.signature())) {
            throw new Refusal("replayed signature: sign each request anew");
        }
        return credential;
    }

    private static ActiveCredential findCredential(CredentialLookup lookup, String accessKey, Instant now)
            throws Refusal {
        Optional<ActiveCredential> found = lookup.byAccessKey(accessKey);
        if (found == null || found.isEmpty()) {
            throw new Refusal("unknown access key " + accessKey + ": check the access key id (AK) used for signing");
        }
        String problem = CredentialState.problem(found.get(), CredentialType.AKSK, now);
        if (problem != null) {
            throw new Refusal(problem);
        }
        return found.get();
    }

    private static boolean matches(ActiveCredential credential, AuthorizationHeader auth, List<String> stringsToSign,
                                   Instant now) {
        byte[] presented = HEX.parseHex(auth.signature());
        boolean match = false;
        List<SecretVersion> secrets = credential.secrets() == null ? List.of() : credential.secrets();
        for (SecretVersion secret : secrets) {
            if (secret == null || secret.material() == null || !secret.usableAt(now)) {
                continue;
            }
            byte[] key = SigningKey.derive(secret.material(), auth.date(), auth.region(), auth.service());
            for (String sts : stringsToSign) {
                match |= Hashes.equal(SigningKey.sign(key, sts), presented);
            }
        }
        return match;
    }

    private static List<String> uriCandidates(String rawPath) {
        String asSent = CanonicalRequest.asSentUri(rawPath);
        String doubleEncoded = CanonicalRequest.doubleEncodedUri(rawPath);
        return asSent.equals(doubleEncoded) ? List.of(asSent) : List.of(asSent, doubleEncoded);
    }

    private static List<String> queryCandidates(String rawQuery) {
        String canonical = CanonicalRequest.canonicalQuery(rawQuery);
        return rawQuery == null || rawQuery.equals(canonical) ? List.of(canonical) : List.of(canonical, rawQuery);
    }

    private static String payloadHash(byte[] body, String declared) throws Refusal {
        String actual = Hashes.sha256Hex(body == null ? new byte[0] : body);
        if (declared == null) {
            return actual;
        }
        String d = declared.strip();
        if (d.equals("UNSIGNED-PAYLOAD")) {
            throw new Refusal("x-amz-content-sha256: UNSIGNED-PAYLOAD is not accepted: this gateway always checks the"
                    + " body; sign it and send its hex SHA-256 (or omit the header)");
        }
        if (d.startsWith("STREAMING-")) {
            throw new Refusal("x-amz-content-sha256: streaming (aws-chunked) payload signing is not supported: send"
                    + " the body in one piece and sign its hex SHA-256");
        }
        if (!d.equals(actual)) {
            throw new Refusal("x-amz-content-sha256 does not match the body: the body was changed after signing, or"
                    + " the header is not the lower-case hex SHA-256 of the exact body bytes");
        }
        return actual;
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
