package io.gatehouse.auth.authn.sigv4;

import io.gatehouse.auth.authn.Hashes;
import java.nio.charset.StandardCharsets;

/** The SigV4 key chain and the final signature: HMAC("AWS4"+secret, date) -> region -> service -> "aws4_request". */
final class SigningKey {
    private static final byte[] PREFIX = "AWS4".getBytes(StandardCharsets.US_ASCII);

    private SigningKey() {
    }

    /** @param secret the secret access key's bytes (UTF-8 of the key string) */
    static byte[] derive(byte[] secret, String date, String region, String service) {
        byte[] k = new byte[PREFIX.length + secret.length];
        System.arraycopy(PREFIX, 0, k, 0, PREFIX.length);
        System.arraycopy(secret, 0, k, PREFIX.length, secret.length);
        byte[] kDate = Hashes.hmacSha256(k, date);
        java.util.Arrays.fill(k, (byte) 0);
        byte[] kRegion = Hashes.hmacSha256(kDate, region);
        byte[] kService = Hashes.hmacSha256(kRegion, service);
        return Hashes.hmacSha256(kService, AuthorizationHeader.TERMINATOR);
    }

    static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return AuthorizationHeader.ALGORITHM + '\n' + amzDate + '\n' + scope + '\n'
                + Hashes.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sign(byte[] signingKey, String stringToSign) {
        return Hashes.hmacSha256(signingKey, stringToSign);
    }
}
