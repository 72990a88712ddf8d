package io.gatehouse.auth.authn.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The shape a JWKS URL must have before anyone resolves or fetches it. */
public final class JwksUrls {
    public static final int MAX_CHARS = 2000;

    private JwksUrls() {
    }

    /**
     * Empty when {@code url} is an absolute http(s) URL with a host, no user info and no fragment, at most
     * {@value #MAX_CHARS} characters; otherwise a user-facing reason. Never resolves the host: where the address may
     * point is for the fetcher (the gateway's address policy) to decide.
     */
    public static Optional<String> syntaxProblem(String url) {
        if (url == null || url.isBlank()) {
            return Optional.of("jwksUrl is empty - give the issuer's JWKS URL, e.g."
                    + " https://idp.example.com/.well-known/jwks.json");
        }
        if (url.length() > MAX_CHARS) {
            return Optional.of("jwksUrl is too long (" + url.length() + " characters, limit " + MAX_CHARS + ")");
        }
        if (url.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
            return Optional.of("jwksUrl must not contain spaces or control characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("jwksUrl is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("jwksUrl must be an https:// (or http://) URL");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("credentials in the jwksUrl are not allowed - a JWKS is public");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("jwksUrl has no (valid) host name");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("jwksUrl cannot have a #fragment");
        }
        return Optional.empty();
    }
}
