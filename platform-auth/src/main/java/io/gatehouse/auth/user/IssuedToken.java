package io.gatehouse.auth.user;

/** A token just created: {@code token} is the only time the secret is shown. */
public record IssuedToken(ApiTokenView view, String token) {
    @Override
    public String toString() {
        return "IssuedToken[" + view + ", token=<redacted>]";
    }
}
