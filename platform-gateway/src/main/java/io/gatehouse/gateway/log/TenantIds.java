package io.gatehouse.gateway.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tenant ids by slug, as the log writer stores blocks under them. Ids found are kept until {@link #forget} (any
 * tenant change), so a batch of known tenants' calls needs no query; a slug without a tenant is looked up again every
 * time, since that tenant may be created at any moment. Used by one thread at a time; {@link #forget} from any.
 */
final class TenantIds {
    private final Map<String, Long> known = new HashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private long changesSeen;

    /** A tenant was created, renamed or deleted: what is known may be stale. */
    void forget() {
        changes.incrementAndGet();
    }

    /** The ids of those slugs that have a tenant now. */
    Map<String, Long> of(Connection c, Iterable<String> slugs) throws SQLException {
        long seen = changes.get();
        if (seen != changesSeen) {
            known.clear();
            changesSeen = seen;
        }
        Map<String, Long> ids = new HashMap<>();
        PreparedStatement lookup = null;
        try {
            for (String slug : slugs) {
                if (slug == null || slug.isEmpty() || ids.containsKey(slug)) {
                    continue;
                }
                Long id = known.get(slug);
                if (id == null) {
                    lookup = lookup != null ? lookup : c.prepareStatement("SELECT id FROM tenant WHERE slug = ?");
                    id = lookUp(lookup, slug);
                }
                if (id != null) {
                    ids.put(slug, id);
                }
            }
        } finally {
            if (lookup != null) {
                lookup.close();
            }
        }
        if (changes.get() == seen) {
            known.putAll(ids);
        }
        return ids;
    }

    private static Long lookUp(PreparedStatement lookup, String slug) throws SQLException {
        lookup.setString(1, slug);
        try (ResultSet rs = lookup.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }
}
