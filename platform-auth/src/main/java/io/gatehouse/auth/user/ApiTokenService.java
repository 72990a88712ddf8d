package io.gatehouse.auth.user;

import io.gatehouse.auth.access.AccessControl;
import io.gatehouse.auth.access.Caller;
import io.gatehouse.auth.audit.AuditTrail;
import io.gatehouse.auth.authn.Hashes;
import io.gatehouse.common.ForbiddenException;
import io.gatehouse.common.InvalidInputException;
import io.gatehouse.common.NotFoundException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal admin API tokens ({@code Authorization: Bearer gat_…}): a user creates them for scripts, each with an
 * expiry (1 to 365 days), shown once, stored as a hash, revocable. A token acts with its user's current role and
 * tenants; disabling or deleting the user stops its tokens.
 */
@Service
public class ApiTokenService {
    /** The extra authority of a request signed in by token rather than password. */
    public static final String TOKEN_AUTHORITY = "AUTH_API_TOKEN";
    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 365;
    private static final Pattern FORMAT = Pattern.compile("^gat_([a-z0-9]{16})_([A-Za-z0-9]{32})$");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final ConsoleUserRepository users;
    private final AccessControl access;
    private final AuditTrail audit;
    private final Clock clock = Clock.systemUTC();

    ApiTokenService(ApiTokenRepository tokens, ConsoleUserRepository users, AccessControl access, AuditTrail audit) {
        this.tokens = tokens;
        this.users = users;
        this.access = access;
        this.audit = audit;
    }

    /** The signed-in user's tokens, newest first. */
    @Transactional(readOnly = true)
    public List<ApiTokenView> mine() {
        OffsetDateTime now = now();
        return tokens.findByUserIdOrderByCreatedAtDesc(me().getId()).stream().map(t -> t.toView(now)).toList();
    }

    @Transactional
    public IssuedToken create(String name, Integer expiresInDays) {
        ConsoleUser user = me();
        String label = name == null ? "" : name.strip();
        if (label.isEmpty() || label.length() > 100) {
            throw new InvalidInputException("name", "1-100 characters, e.g. 'ci-deploy'");
        }
        int days = expiresInDays == null ? DEFAULT_DAYS : expiresInDays;
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInputException("expiresInDays", "between 1 and " + MAX_DAYS + " days");
        }
        String publicId = random("abcdefghijklmnopqrstuvwxyz0123456789", 16);
        String secret = random(ALPHABET, 32);
        ApiToken token = tokens.saveAndFlush(new ApiToken(publicId, user.getId(), label, Hashes.sha256Hex(secret.getBytes(StandardCharsets.US_ASCII)),
                now().plusDays(days)));
        audit.record("token.create", null, "api-token", publicId,
                "'" + label + "' for " + user.getUsername() + ", expires in " + days + " days");
        return new IssuedToken(token.toView(now()), "gat_" + publicId + "_" + secret);
    }

    /** Revokes one of the signed-in user's tokens; revoking again changes nothing. */
    @Transactional
    public ApiTokenView revoke(String id) {
        ConsoleUser user = me();
        ApiToken token = tokens.findByPublicId(id == null ? "" : id).filter(t -> t.getUserId() == user.getId())
                .orElseThrow(() -> new NotFoundException("no token '" + id + "'"));
        token.revoke(now());
        tokens.flush();
        audit.record("token.revoke", null, "api-token", token.getPublicId(), "for " + user.getUsername());
        return token.toView(now());
    }

    /**
     * Who this bearer token signs in, if it is well-formed, known, unexpired, unrevoked and its user enabled. The
     * secret is compared in constant time, and an unknown token id costs the same hash and comparison.
     */
    @Transactional
    public Optional<TokenHolder> authenticate(String bearer) {
        Matcher m = FORMAT.matcher(bearer == null ? "" : bearer);
        if (!m.matches()) {
            return Optional.empty();
        }
        Optional<ApiToken> found = tokens.findByPublicId(m.group(1));
        byte[] presented = Hashes.sha256Hex(m.group(2).getBytes(StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        byte[] stored = found.map(ApiToken::getSecretHash).orElse("0".repeat(64)).getBytes(StandardCharsets.US_ASCII);
        boolean secretMatches = MessageDigest.isEqual(presented, stored);
        OffsetDateTime now = now();
        if (found.isEmpty() || !secretMatches || !found.get().usableAt(now)) {
            return Optional.empty();
        }
        ApiToken token = found.get();
        Optional<ConsoleUser> user = users.findById(token.getUserId()).filter(ConsoleUser::isEnabled);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (token.getLastUsedAt() == null || token.getLastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            token.usedAt(now);
        }
        return Optional.of(new TokenHolder(user.get().getUsername(), user.get().getRole()));
    }

    private ConsoleUser me() {
        Caller caller = access.caller();
        if (caller.isSystem()) {
            throw new ForbiddenException("sign in first");
        }
        return users.findByUsername(caller.username()).orElseThrow(() -> new ForbiddenException("sign in first"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String random(String alphabet, int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return new String(out);
    }
}
