package io.gatehouse.auth.authn;

import io.gatehouse.auth.authn.basic.BasicVerifier;
import io.gatehouse.auth.authn.jwt.JwksKeys;
import io.gatehouse.auth.authn.jwt.JwtVerifier;
import io.gatehouse.auth.authn.sigv4.SigV4Verifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether a gateway request may use a protected route: picks the verifier from the Authorization scheme,
 * then checks the credential's tenant and route scope. In memory only; safe to call on an event loop.
 */
@Component
public class GatewayAuthenticator {
    static final String BASIC = "basic ";
    static final String SIGV4 = "aws4-hmac-sha256 ";
    static final String BEARER = "bearer ";

    private final CredentialLookup directory;
    private final CredentialUseListener usage;
    private final Clock clock;
    private final BasicVerifier basic = new BasicVerifier();
    private final SigV4Verifier sigv4;
    private final JwtVerifier jwt;

    GatewayAuthenticator(CredentialLookup directory, CredentialUseListener usage,
                         @Value("${platform.auth.sigv4.clock-skew-seconds:300}") long skewSeconds,
                         ObjectProvider<JwksKeys> jwksKeys) {
        this.directory = directory;
        this.jwt = new JwtVerifier(jwksKeys.getIfAvailable()); // none without the gateway module: JWKS keys refused
        this.usage = usage;
        this.clock = Clock.systemUTC();
        this.sigv4 = new SigV4Verifier(Duration.ofSeconds(skewSeconds), "gateway");
    }

    /** True when verification needs the whole body (AWS SigV4 signs its hash). */
    public static boolean needsBody(String authorization) {
        return authorization != null && startsWithIgnoreCase(authorization, SIGV4);
    }

    public AuthDecision authenticate(GatewayRequest request, String tenant, String route, Set<CredentialType> accepted,
                                     boolean requireExp) {
        String authorization = request.header("authorization");
        if (authorization == null || authorization.isBlank()) {
            return new AuthDecision.Denied(401, "no credential: route '" + route + "' accepts " + describe(accepted)
                    + " with a key issued for tenant '" + tenant + "'");
        }
        CredentialType scheme = schemeOf(authorization);
        if (scheme == null) {
            return new AuthDecision.Denied(401, "unsupported Authorization scheme: use " + describe(accepted));
        }
        if (!accepted.contains(scheme)) {
            return new AuthDecision.Denied(401, "route '" + route + "' does not accept " + scheme + " credentials; it"
                    + " accepts " + describe(accepted));
        }
        Instant now = clock.instant();
        AuthResult result = switch (scheme) {
            case BASIC -> basic.verify(authorization, directory, now);
            case AKSK -> sigv4.verify(request, directory, now);
            case JWT -> jwt.verify(authorization.substring(BEARER.length()).strip(), directory, now, requireExp);
        };
        if (result instanceof AuthResult.Refused refused) {
            return new AuthDecision.Denied(401, refused.reason());
        }
        ActiveCredential credential = ((AuthResult.Verified) result).credential();
        if (!credential.tenant().equals(tenant)) {
            // Same words as an unknown key: a caller must not learn that the key exists in another tenant.
            return new AuthDecision.Denied(401, "unknown credential for tenant '" + tenant + "'");
        }
        if (!credential.mayCall(route)) {
            return new AuthDecision.Denied(403, "key '" + credential.name() + "' (" + credential.id()
                    + ") may not call route '" + route + "'; ask the tenant admin to add it to the key's routes");
        }
        usage.used(credential.id(), now);
        return new AuthDecision.Allowed(credential, scheme);
    }

    /** The WWW-Authenticate challenges for the schemes a route accepts. */
    public static String challenges(Set<CredentialType> accepted) {
        return accepted.stream().map(type -> switch (type) {
            case BASIC -> "Basic realm=\"gatehouse\", charset=\"UTF-8\"";
            case AKSK -> "AWS4-HMAC-SHA256 realm=\"gatehouse\"";
            case JWT -> "Bearer realm=\"gatehouse\"";
        }).collect(Collectors.joining(", "));
    }

    static CredentialType schemeOf(String authorization) {
        if (startsWithIgnoreCase(authorization, BASIC)) {
            return CredentialType.BASIC;
        }
        if (startsWithIgnoreCase(authorization, SIGV4)) {
            return CredentialType.AKSK;
        }
        if (startsWithIgnoreCase(authorization, BEARER)) {
            return CredentialType.JWT;
        }
        return null;
    }

    private static String describe(Set<CredentialType> accepted) {
        return accepted.stream().map(type -> switch (type) {
            case BASIC -> "HTTP Basic";
            case AKSK -> "AWS SigV4 (AK/SK)";
            case JWT -> "Bearer JWT";
        }).collect(Collectors.joining(", "));
    }

    private static boolean startsWithIgnoreCase(String value, String prefix) {
        return value.regionMatches(true, 0, prefix, 0, prefix.length());
    }

}
