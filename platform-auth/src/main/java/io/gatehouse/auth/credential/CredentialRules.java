package io.gatehouse.auth.credential;

import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.jwt.JwksUrls;
import io.gatehouse.auth.authn.jwt.JwtKeys;
import io.gatehouse.common.FieldProblem;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Validates an issue request field by field; the caller gets every problem at once. */
final class CredentialRules {
    static final int NAME_MAX = 100;

    private CredentialRules() {
    }

    static CredentialType type(String raw, List<FieldProblem> problems) {
        if (raw == null || raw.isBlank()) {
            problems.add(new FieldProblem("type", "type is required: BASIC, AKSK or JWT"));
            return null;
        }
        try {
            return CredentialType.valueOf(raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("type", "unknown type; use BASIC, AKSK or JWT"));
            return null;
        }
    }

    static List<FieldProblem> check(IssueRequest request, CredentialType type, OffsetDateTime now) {
        List<FieldProblem> problems = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            problems.add(new FieldProblem("name", "name is required, e.g. ci-pipeline"));
        } else if (request.name().length() > NAME_MAX || request.name().chars().anyMatch(Character::isISOControl)) {
            problems.add(new FieldProblem("name", "name must be at most " + NAME_MAX + " printable characters"));
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            problems.add(new FieldProblem("expiresAt", "expiresAt must be in the future"));
        }
        if (type != null && type != CredentialType.JWT && (request.algorithm() != null
                || request.publicKeyPem() != null || request.jwksUrl() != null)) {
            problems.add(new FieldProblem("algorithm", "algorithm, publicKeyPem and jwksUrl apply to JWT keys only"));
        }
        if (type == CredentialType.JWT) {
            checkJwt(request, problems);
        }
        return problems;
    }

    /**
     * The JWT algorithm to pin: the requested one, or HS256 when none is given for an HMAC key (neither a public key
     * nor a JWKS URL); null when a public key or JWKS URL comes without an algorithm.
     */
    static String jwtAlgorithm(IssueRequest request) {
        if (request.algorithm() != null && !request.algorithm().isBlank()) {
            return request.algorithm().strip().toUpperCase(Locale.ROOT);
        }
        return request.publicKeyPem() == null && request.jwksUrl() == null ? "HS256" : null;
    }

    /** The JWKS URL to store: the requested one without surrounding blanks; null for none. */
    static String jwksUrl(IssueRequest request) {
        return request.jwksUrl() == null ? null : request.jwksUrl().strip();
    }

    private static void checkJwt(IssueRequest request, List<FieldProblem> problems) {
        boolean pem = request.publicKeyPem() != null;
        boolean jwks = request.jwksUrl() != null;
        if (pem && jwks) {
            problems.add(new FieldProblem("jwksUrl", "give either publicKeyPem or jwksUrl, not both: the issuer's"
                    + " keys come from one place"));
            return;
        }
        String algorithm = jwtAlgorithm(request);
        if (algorithm == null) {
            problems.add(new FieldProblem("algorithm", "algorithm is required with " + (jwks ? "jwksUrl" : "publicKeyPem")
                    + ": RS256 or ES256"));
            return;
        }
        boolean hmac = JwtKeys.HMAC_ALGORITHMS.contains(algorithm);
        boolean publicKey = JwtKeys.PUBLIC_KEY_ALGORITHMS.contains(algorithm);
        if (!hmac && !publicKey) {
            problems.add(new FieldProblem("algorithm", "unsupported algorithm; use HS256, HS384, HS512, RS256 or ES256"));
        } else if (hmac && pem) {
            problems.add(new FieldProblem("publicKeyPem", "HMAC keys (" + algorithm + ") take no public key; use RS256"
                    + " or ES256 with a public key"));
        } else if (hmac && jwks) {
            problems.add(new FieldProblem("jwksUrl", "HMAC keys (" + algorithm + ") take no JWKS URL; use RS256"
                    + " or ES256 with a jwksUrl"));
        } else if (publicKey && !pem && !jwks) {
            problems.add(new FieldProblem("publicKeyPem", algorithm + " needs the issuer's public key in PEM"
                    + " (-----BEGIN PUBLIC KEY-----) or the URL of its JWKS (jwksUrl)"));
        } else if (jwks) {
            JwksUrls.syntaxProblem(jwksUrl(request)).ifPresent(p -> problems.add(new FieldProblem("jwksUrl", p)));
        } else if (publicKey) {
            try {
                JwtKeys.parsePublicKeyPem(request.publicKeyPem(), algorithm);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("publicKeyPem", e.getMessage()));
            }
        }
    }
}
