package io.gatehouse.auth.authn.jwt;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The usable keys of one issuer's JWKS, immutable: by {@code kid}, and all of them (a token without a {@code kid}
 * may use the set's only key).
 *
 * @param ignored how many JWKs were skipped (not for signatures, unsupported type or curve, weak, malformed, or a
 *                repeated {@code kid})
 */
public record IssuerKeySet(Map<String, JwksKey> byKid, List<JwksKey> all, int ignored) {
    public static final IssuerKeySet EMPTY = new IssuerKeySet(Map.of(), List.of(), 0);

    public IssuerKeySet {
        byKid = Map.copyOf(byKid);
        all = List.copyOf(all);
    }

    /** The key with this {@code kid}; with {@code kid} null, the only key when the set holds exactly one. */
    public Optional<JwksKey> find(String kid) {
        if (kid == null) {
            return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
        }
        return Optional.ofNullable(byKid.get(kid));
    }
}
