package io.gatehouse.auth.credential;

import io.gatehouse.auth.audit.AuditTrail;
import io.gatehouse.auth.authn.CredentialType;
import io.gatehouse.auth.authn.Hashes;
import io.gatehouse.auth.authn.jwt.JwksKeys;
import io.gatehouse.auth.secret.SecretCipher;
import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.common.FieldProblem;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues, lists, rotates and revokes a tenant's keys. Secrets are returned by {@link #issue} and {@link #rotate}
 * only. Basic passwords are stored as SHA-256: they are 256-bit random values, so a slow password hash adds nothing
 * against guessing and would cost milliseconds per gateway request. HMAC secrets (AK/SK, JWT) must be recoverable to
 * verify signatures, so they are AES-GCM encrypted under the master key.
 */
@Service
public class CredentialService {
    static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    static final Duration MAX_GRACE = Duration.ofDays(30);

    private final CredentialRepository credentials;
    private final AccessControl access;
    private final SecretCipher cipher;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RouteCatalog> routeCatalog;
    private final ObjectProvider<JwksKeys> jwksKeys;
    private final Duration defaultGrace;

    CredentialService(CredentialRepository credentials, AccessControl access, SecretCipher cipher, AuditTrail audit,
                      ApplicationEventPublisher events, ObjectProvider<RouteCatalog> routeCatalog,
                      ObjectProvider<JwksKeys> jwksKeys,
                      @Value("${platform.credentials.rotation-grace:PT24H}") Duration defaultGrace) {
        this.credentials = credentials;
        this.access = access;
        this.cipher = cipher;
        this.audit = audit;
        this.events = events;
        this.routeCatalog = routeCatalog;
        this.jwksKeys = jwksKeys;
        this.defaultGrace = defaultGrace;
    }

    @Transactional
    public IssuedCredential issue(String tenant, IssueRequest request) {
        long tenantId = access.manageableTenant(tenant);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<FieldProblem> problems = new ArrayList<>();
        CredentialType type = CredentialRules.type(request.type(), problems);
        problems.addAll(CredentialRules.check(request, type, now));
        checkRoutes(tenant, request.routes(), problems);
        if (type == CredentialType.JWT) {
            checkJwksAddress(CredentialRules.jwksUrl(request), problems);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        String accessKey = switch (type) {
            case BASIC -> KeyMaterial.basicUsername();
            case AKSK -> KeyMaterial.accessKey();
            case JWT -> KeyMaterial.jwtKeyId();
        };
        Credential credential = new Credential(KeyMaterial.credentialId(), tenantId, type, request.name().strip(),
                accessKey, audit.currentActor());
        String algorithm = type == CredentialType.JWT ? CredentialRules.jwtAlgorithm(request) : null;
        String jwksUrl = type == CredentialType.JWT ? CredentialRules.jwksUrl(request) : null;
        credential.configure(algorithm, type == CredentialType.JWT ? request.publicKeyPem() : null, jwksUrl,
                request.routes() == null ? null : String.join(",", request.routes()), request.expiresAt());
        String secret = newSecret(credential);
        credentials.saveAndFlush(credential);
        audit.record("credential.issue", tenant, "credential", credential.getPublicId(),
                type + " key '" + credential.getName() + "'" + scopeText(request.routes())
                        + (jwksUrl == null ? "" : ", keys from the JWKS at " + jwksUrl));
        events.publishEvent(new CredentialsChanged(credential.getPublicId()));
        return issued(credential, secret);
    }

    @Transactional(readOnly = true)
    public List<CredentialView> list(String tenant) {
        return credentials.findByTenantIdOrderByCreatedAtDesc(access.readableTenant(tenant)).stream()
                .map(CredentialViews::of).toList();
    }

    @Transactional(readOnly = true)
    public CredentialView get(String tenant, String id) {
        return CredentialViews.of(find(access.readableTenant(tenant), id));
    }

    /** Revokes for good; the record stays (state REVOKED) for the audit trail and logs. Idempotent. */
    @Transactional
    public CredentialView revoke(String tenant, String id) {
        Credential credential = find(access.manageableTenant(tenant), id);
        credential.revoke(OffsetDateTime.now(ZoneOffset.UTC));
        credentials.flush();
        audit.record("credential.revoke", tenant, "credential", credential.getPublicId(),
                credential.getType() + " key '" + credential.getName() + "'");
        events.publishEvent(new CredentialsChanged(credential.getPublicId()));
        return CredentialViews.of(credential);
    }

    /**
     * Issues a new secret under the same id and name; the old secret keeps working for {@code grace} (null = the
     * configured default, 24 h).
     */
    @Transactional
    public IssuedCredential rotate(String tenant, String id, Duration grace) {
        Credential credential = find(access.manageableTenant(tenant), id);
        if (credential.getRevokedAt() != null) {
            throw new InvalidInputException("id", "a revoked key cannot be rotated; issue a new one");
        }
        if (credential.getType() == CredentialType.JWT && credential.getPublicKeyPem() != null) {
            throw new InvalidInputException("id", "this JWT key verifies with the issuer's public key; there is no"
                    + " secret to rotate - rotate the key pair at the issuer and issue a new credential");
        }
        if (credential.getType() == CredentialType.JWT && credential.getJwksUrl() != null) {
            throw new InvalidInputException("id", "this JWT key verifies with the issuer's JWKS; there is no secret"
                    + " to rotate - rotate keys at the issuer: new key ids in its JWKS are picked up automatically");
        }
        Duration effective = grace == null ? defaultGrace : grace;
        if (effective.isNegative() || effective.compareTo(MAX_GRACE) > 0) {
            throw new InvalidInputException("graceSeconds", "grace must be between 0 and 30 days");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String oldHash = credential.getSecretHash();
        String oldEnc = credential.getSecretEnc();
        String secret = newSecret(credential);
        String newHash = credential.getSecretHash();
        String newEnc = credential.getSecretEnc();
        credential.setSecret(oldHash, oldEnc);
        credential.rotate(newHash, newEnc, now, now.plus(effective));
        credentials.flush();
        audit.record("credential.rotate", tenant, "credential", credential.getPublicId(),
                credential.getType() + " key '" + credential.getName() + "', previous secret valid for "
                        + effective.toSeconds() + " s");
        events.publishEvent(new CredentialsChanged(credential.getPublicId()));
        return issued(credential, secret);
    }

    private String newSecret(Credential credential) {
        switch (credential.getType()) {
            case BASIC -> {
                String password = KeyMaterial.password();
                credential.setSecret(Hashes.sha256Hex(password.getBytes(StandardCharsets.UTF_8)), null);
                return password;
            }
            case AKSK -> {
                String secretKey = KeyMaterial.secretKey();
                credential.setSecret(null, cipher.encrypt(secretKey));
                return secretKey;
            }
            default -> {
                if (credential.getPublicKeyPem() != null || credential.getJwksUrl() != null) {
                    return null;
                }
                String secret = KeyMaterial.hmacSecret();
                credential.setSecret(null, cipher.encrypt(secret));
                return secret;
            }
        }
    }

    /**
     * The SSRF rule for a JWKS URL that is well-formed: the gateway's key fetcher (which applies the upstream
     * address policy) must accept it. Without a fetcher (platform-auth alone) JWKS credentials cannot work.
     */
    private void checkJwksAddress(String jwksUrl, List<FieldProblem> problems) {
        if (jwksUrl == null || problems.stream().anyMatch(p -> p.field().equals("jwksUrl"))) {
            return;
        }
        JwksKeys fetcher = jwksKeys.getIfAvailable();
        if (fetcher == null) {
            problems.add(new FieldProblem("jwksUrl", "JWKS URLs are not supported by this deployment (no key fetcher"
                    + " is installed); register the issuer's public key with publicKeyPem instead"));
            return;
        }
        fetcher.urlProblem(jwksUrl).ifPresent(p -> problems.add(new FieldProblem("jwksUrl", p)));
    }

    private void checkRoutes(String tenant, List<String> routes, List<FieldProblem> problems) {
        if (routes == null) {
            return;
        }
        RouteCatalog catalog = routeCatalog.getIfAvailable();
        for (int i = 0; i < routes.size(); i++) {
            String route = routes.get(i);
            if (route == null || route.isBlank() || route.contains(",")) {
                problems.add(new FieldProblem("routes[" + i + "]", "not a route name"));
            } else if (catalog != null && !catalog.exists(tenant, route)) {
                problems.add(new FieldProblem("routes[" + i + "]", "no route '" + route + "' in this tenant"));
            }
        }
    }

    private Credential find(long tenantId, String id) {
        return credentials.findByTenantIdAndPublicId(tenantId, id == null ? "" : id)
                .orElseThrow(() -> new NotFoundException("no credential '" + id + "' in this tenant"));
    }

    private static IssuedCredential issued(Credential c, String secret) {
        List<String> routes = CredentialViews.routes(c);
        return switch (c.getType()) {
            case BASIC -> new IssuedCredential(c.getPublicId(), c.getType(), c.getName(), c.getAccessKey(), secret,
                    null, null, null, null, null, c.getExpiresAt(), routes, c.getPreviousValidUntil());
            case AKSK -> new IssuedCredential(c.getPublicId(), c.getType(), c.getName(), null, null,
                    c.getAccessKey(), secret, null, null, null, c.getExpiresAt(), routes, c.getPreviousValidUntil());
            case JWT -> new IssuedCredential(c.getPublicId(), c.getType(), c.getName(), null, null,
                    c.getAccessKey(), null, secret, c.getAlgorithm(), c.getJwksUrl(), c.getExpiresAt(), routes,
                    c.getPreviousValidUntil());
        };
    }

    private static String scopeText(List<String> routes) {
        return routes == null ? " for all routes" : " for routes " + routes;
    }
}
