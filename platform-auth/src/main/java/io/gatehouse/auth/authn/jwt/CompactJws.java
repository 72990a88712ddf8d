package io.gatehouse.auth.authn.jwt;

/**
 * Strict structural check of a compact JWS before any decoding: exactly three dot-separated segments of canonical,
 * unpadded base64url. Nimbus' own decoder is lenient (it skips characters outside the alphabet), so without this a
 * token with trailing garbage or embedded whitespace would still verify.
 */
final class CompactJws {
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    private static final boolean[] B64URL = new boolean[128];
    private static final int[] VALUE = new int[128];

    static {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            B64URL[alphabet.charAt(i)] = true;
            VALUE[alphabet.charAt(i)] = i;
        }
    }

    /** The three segments and the exact signing input, as received. */
    record Parts(String header, String payload, String signature, String signingInput) {
    }

    private CompactJws() {
    }

    /** Splits the token, or refuses it with the reason it is not a compact JWS. */
    static Parts split(String token) throws Refusal {
        if (token == null || token.isEmpty()) {
            throw new Refusal("empty bearer token - send 'Authorization: Bearer <jwt>'");
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            throw new Refusal("token is too long (" + token.length() + " characters, limit " + MAX_TOKEN_CHARS
                    + ") - keep the claims small");
        }
        int dots = 0;
        int first = -1;
        int second = -1;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                dots++;
                if (first < 0) {
                    first = i;
                } else if (second < 0) {
                    second = i;
                }
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                throw new Refusal("token contains whitespace - send only the compact JWT (header.payload.signature)");
            } else if (c == '=') {
                throw new Refusal("token contains '=' padding - JWT segments are unpadded base64url");
            } else if (c >= 128 || !B64URL[c]) {
                throw new Refusal("token contains characters outside base64url (A-Z a-z 0-9 - _) - send the compact JWT"
                        + " exactly as issued");
            }
        }
        if (dots == 4) {
            throw new Refusal("encrypted JWTs (JWE) are not accepted - send a signed JWT (JWS)");
        }
        if (dots != 2) {
            throw new Refusal("token is not a JWT: expected 3 dot-separated parts (header.payload.signature), found "
                    + (dots + 1));
        }
        String header = token.substring(0, first);
        String payload = token.substring(first + 1, second);
        String signature = token.substring(second + 1);
        if (header.isEmpty()) {
            throw new Refusal("token has an empty header part");
        }
        if (payload.isEmpty()) {
            throw new Refusal("token has an empty payload part - the claims must be a JSON object");
        }
        if (signature.isEmpty()) {
            throw new Refusal("token has no signature (unsecured JWT) - sign it with the credential's key");
        }
        if (!canonical(header) || !canonical(payload) || !canonical(signature)) {
            throw new Refusal("token is not valid base64url - send the compact JWT exactly as issued");
        }
        return new Parts(header, payload, signature, token.substring(0, second));
    }

    /** Length is decodable and the unused low bits of the last character are zero (no malleable encodings). */
    private static boolean canonical(String segment) {
        int rem = segment.length() % 4;
        if (rem == 1) {
            return false;
        }
        int last = VALUE[segment.charAt(segment.length() - 1)];
        return switch (rem) {
            case 2 -> (last & 0x0f) == 0;
            case 3 -> (last & 0x03) == 0;
            default -> true;
        };
    }
}
