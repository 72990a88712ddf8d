package io.gatehouse.auth.authn.basic;

import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.AuthResult;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.CredentialState;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.Hashes;
import io.gatehouse.auth.authn.SecretVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/** Verifies {@code Authorization: Basic base64(username:password)} (RFC 7617, UTF-8; the user-id has no colon). */
public final class BasicVerifier {
    private static final int MAX_ENCODED_LENGTH = 1024;

    public AuthResult verify(String authorization, CredentialLookup lookup, Instant now) {
        String encoded = authorization.length() > 6 ? authorization.substring(6).strip() : "";
        if (encoded.isEmpty() || encoded.length() > MAX_ENCODED_LENGTH) {
            return AuthResult.refused("malformed Basic credentials: send Authorization: Basic base64(username:password)");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return AuthResult.refused("malformed Basic credentials: the value is not valid base64");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return AuthResult.refused("malformed Basic credentials: expected username:password");
        }
        String username = decoded.substring(0, colon);
        byte[] presentedHash = Hashes.sha256(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
        Optional<ActiveCredential> found = lookup.byAccessKey(username);
        if (found.isEmpty()) {
            return AuthResult.refused("unknown username or wrong password");
        }
        ActiveCredential credential = found.get();
        String problem = CredentialState.problem(credential, CredentialType.BASIC, now);
        if (problem != null) {
            return AuthResult.refused(problem);
        }
        boolean matched = false;
        for (SecretVersion secret : credential.secrets()) {
            // Every usable version is compared, so timing does not reveal which one matched.
            matched |= secret.usableAt(now) && Hashes.equal(secret.material(), presentedHash);
        }
        return matched ? new AuthResult.Verified(credential) : AuthResult.refused("unknown username or wrong password");
    }
}
