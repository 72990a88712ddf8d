package io.gatehouse.auth.credential;

import io.gatehouse.auth.authn.CredentialUseListener;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Last used" for the console: the gateway marks use in memory (no database on the request path); a scheduled job
 * writes the latest times every 15 seconds.
 */
@Service
public class CredentialUsage implements CredentialUseListener {
    private final CredentialRepository credentials;
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();

    CredentialUsage(CredentialRepository credentials) {
        this.credentials = credentials;
    }

    @Override
    public void used(String credentialId, Instant at) {
        Instant noted = pending.get(credentialId);
        if (noted != null && noted.getEpochSecond() >= at.getEpochSecond()) {
            return; // already noted this second: a read, not a write every gateway thread contends on
        }
        pending.merge(credentialId, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Scheduled(fixedDelayString = "${platform.credentials.last-used-flush-ms:15000}")
    @Transactional
    public void flush() {
        for (String id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                credentials.findByPublicId(id).ifPresent(c -> c.markUsed(OffsetDateTime.ofInstant(at, ZoneOffset.UTC)));
            }
        }
    }
}
