package io.gatehouse.auth.authn.sigv4;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The parsed {@code Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} header.
 *
 * @param signedHeadersText the SignedHeaders value exactly as sent (it is part of the canonical request)
 * @param signature         the 64 hex digits, lower-cased
 */
record AuthorizationHeader(String accessKey, String date, String region, String service, List<String> signedHeaders,
                           String signedHeadersText, String signature) {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    static final String TERMINATOR = "aws4_request";

    private static final int MAX_LENGTH = 8192;
    private static final int MAX_SIGNED_HEADERS = 64;
    private static final Pattern DATE = Pattern.compile("[0-9]{8}");
    private static final Pattern SCOPE_PART = Pattern.compile("[A-Za-z0-9._~+=@-]{1,128}");
    private static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]{1,128}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{64}");
    private static final String FORMAT = " - expected 'AWS4-HMAC-SHA256"
            + " Credential=AK/yyyymmdd/region/gateway/aws4_request, SignedHeaders=host;x-amz-date,"
            + " Signature=<64 hex digits>'";

    /** The scope as it appears in the string to sign: {@code date/region/service/aws4_request}. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + TERMINATOR;
    }

    static AuthorizationHeader parse(String value) throws Refusal {
        if (value == null || value.isBlank()) {
            throw new Refusal("missing Authorization header" + FORMAT);
        }
        if (value.length() > MAX_LENGTH) {
            throw new Refusal("Authorization header is too long (over " + MAX_LENGTH + " characters)");
        }
        String trimmed = value.strip();
        boolean sigV4 = trimmed.startsWith(ALGORITHM)
                && (trimmed.length() == ALGORITHM.length()
                || Character.isWhitespace(trimmed.charAt(ALGORITHM.length())));
        if (!sigV4) {
            int space = trimmed.indexOf(' ');
            String scheme = space < 0 ? trimmed : trimmed.substring(0, space);
            throw new Refusal("unsupported Authorization scheme '" + printable(scheme) + "'" + FORMAT);
        }
        String credential = null;
        String signedHeaders = null;
        String signature = null;
        for (String rawPart : trimmed.substring(ALGORITHM.length()).split(",", -1)) {
            String part = rawPart.strip();
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new Refusal("malformed Authorization header: '" + printable(part) + "' is not name=value"
                        + FORMAT);
            }
            String name = part.substring(0, eq).strip();
            String val = part.substring(eq + 1).strip();
            switch (name) {
                case "Credential" -> credential = once(credential, name, val);
                case "SignedHeaders" -> signedHeaders = once(signedHeaders, name, val);
                case "Signature" -> signature = once(signature, name, val);
                default -> throw new Refusal("malformed Authorization header: unknown component '" + printable(name)
                        + "'" + FORMAT);
            }
        }
        if (credential == null || signedHeaders == null || signature == null) {
            String missing = credential == null ? "Credential" : signedHeaders == null ? "SignedHeaders" : "Signature";
            throw new Refusal("malformed Authorization header: " + missing + " is missing" + FORMAT);
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5) {
            throw new Refusal("malformed Credential: expected AK/yyyymmdd/region/service/aws4_request, got "
                    + scope.length + " '/'-separated parts");
        }
        if (!SCOPE_PART.matcher(scope[0]).matches()) {
            throw new Refusal("malformed Credential: the access key is empty or contains invalid characters");
        }
        if (!DATE.matcher(scope[1]).matches()) {
            throw new Refusal("malformed Credential: scope date '" + printable(scope[1]) + "' is not yyyymmdd");
        }
        if (!SCOPE_PART.matcher(scope[2]).matches() || !SCOPE_PART.matcher(scope[3]).matches()) {
            throw new Refusal("malformed Credential: region and service must be non-empty names");
        }
        if (!TERMINATOR.equals(scope[4])) {
            throw new Refusal("malformed Credential: scope must end with '/aws4_request', got '" + printable(scope[4])
                    + "'");
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            throw new Refusal("malformed Signature: expected 64 hex digits");
        }
        return new AuthorizationHeader(scope[0], scope[1], scope[2], scope[3], signedHeaderList(signedHeaders),
                signedHeaders, signature.toLowerCase(java.util.Locale.ROOT));
    }

    private static List<String> signedHeaderList(String text) throws Refusal {
        String[] names = text.split(";", -1);
        if (names.length > MAX_SIGNED_HEADERS) {
            throw new Refusal("malformed SignedHeaders: more than " + MAX_SIGNED_HEADERS + " headers");
        }
        List<String> list = new ArrayList<>(names.length);
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!HEADER_NAME.matcher(name).matches()) {
                throw new Refusal("malformed SignedHeaders: '" + printable(name)
                        + "' is not a lower-case header name (names are separated by ';')");
            }
            if (!seen.add(name)) {
                throw new Refusal("malformed SignedHeaders: '" + name + "' is listed twice");
            }
            list.add(name);
        }
        return List.copyOf(list);
    }

    private static String once(String previous, String name, String value) throws Refusal {
        if (previous != null) {
            throw new Refusal("malformed Authorization header: " + name + " appears twice");
        }
        if (value.isEmpty()) {
            throw new Refusal("malformed Authorization header: " + name + " is empty");
        }
        return value;
    }

    /** A short, log-safe excerpt of client input for a refusal message. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }
}
