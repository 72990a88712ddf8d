package io.gatehouse.auth.credential;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a caller asks for when issuing a key. {@code algorithm}, {@code publicKeyPem} and {@code jwksUrl} apply to
 * JWT only; {@code routes == null} means every route of the tenant.
 */
public record IssueRequest(String type, String name, String algorithm, String publicKeyPem, String jwksUrl,
                           OffsetDateTime expiresAt, List<String> routes) {

    @Override
    public String toString() {
        return "IssueRequest[" + type + ", " + name + "]";
    }
}
