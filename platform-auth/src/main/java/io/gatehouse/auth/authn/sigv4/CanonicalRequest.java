package io.gatehouse.auth.authn.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The SigV4 canonical request, as pure functions shared by the verifier and the signer:
 * <pre>
 * Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n HexPayloadHash
 * </pre>
 */
final class CanonicalRequest {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final Comparator<String[]> BY_NAME_THEN_VALUE =
            Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]);

    private CanonicalRequest() {
    }

    static String of(String method, String canonicalUri, String canonicalQuery, String canonicalHeaders,
                     String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n' + signedHeaders
                + '\n' + payloadHash;
    }

    /** The path as the client sent it, not normalised (S3 style, what curl signs); empty means "/". */
    static String asSentUri(String rawPath) {
        return rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }

    /** The non-S3 AWS form: the path as sent, URI-encoded once more with '/' kept (botocore's behaviour). */
    static String doubleEncodedUri(String rawPath) {
        return uriEncode(asSentUri(rawPath).getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * The canonical query string: every parameter's name and value decoded from what the client sent, URI-encoded
     * (RFC 3986 unreserved set, upper-case hex), sorted by encoded name then value; {@code name=} when no value.
     */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new String[] {uriEncode(percentDecode(name), false), uriEncode(percentDecode(value), false)});
        }
        params.sort(BY_NAME_THEN_VALUE);
        StringBuilder b = new StringBuilder();
        for (String[] p : params) {
            if (!b.isEmpty()) {
                b.append('&');
            }
            b.append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    /**
     * Canonical headers for the signed names, in the order given: {@code name:value\n} per header, values trimmed
     * with inner whitespace runs collapsed to one space, repeated headers joined by ','.
     *
     * @throws Refusal when a signed header is absent from the request
     */
    static String canonicalHeaders(Map<String, List<String>> headers, List<String> signedNames) throws Refusal {
        StringBuilder b = new StringBuilder();
        for (String name : signedNames) {
            List<String> values = headers.get(name);
            if (values == null || values.isEmpty()) {
                throw new Refusal("signed header '" + name + "' is not in the request: send every header listed in"
                        + " SignedHeaders unchanged");
            }
            b.append(name).append(':');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(trimAll(values.get(i)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String trimAll(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(value.length());
        boolean pendingSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pendingSpace = !b.isEmpty();
            } else {
                if (pendingSpace) {
                    b.append(' ');
                    pendingSpace = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters (and '/' when {@code keepSlash}). */
    static String uriEncode(byte[] bytes, boolean keepSlash) {
        StringBuilder b = new StringBuilder(bytes.length + 16);
        for (byte x : bytes) {
            int c = x & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                b.append((char) c);
            } else {
                b.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return b.toString();
    }

    /** Decodes %XX escapes to bytes (UTF-8 for other characters); an invalid escape is kept literally. */
    static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) >= 0 && hex(s.charAt(i + 2)) >= 0) {
                out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
                i += 3;
            } else {
                int end = i + Character.charCount(s.codePointAt(i));
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
            }
        }
        return out.toByteArray();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    }
}
