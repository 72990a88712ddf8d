package io.gatehouse.auth.credential;

import io.gatehouse.auth.authn.ActiveCredential;
import io.gatehouse.auth.authn.CredentialLookup;
import io.gatehouse.auth.authn.jwt.JwksKeys;
import io.gatehouse.auth.tenant.TenantChanged;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The gateway's view of all credentials: an immutable map swapped whole after every committed change, so
 * revocation takes effect as soon as the admin call returns and verification never touches the database.
 */
@Component
public class CredentialDirectory implements CredentialLookup {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialDirectory.class);

    private final CredentialSnapshotLoader loader;
    private final ObjectProvider<JwksKeys> jwksKeys;
    private volatile Map<String, ActiveCredential> byAccessKey = Map.of();

    CredentialDirectory(CredentialSnapshotLoader loader, ObjectProvider<JwksKeys> jwksKeys) {
        this.loader = loader;
        this.jwksKeys = jwksKeys;
    }

    @Override
    public Optional<ActiveCredential> byAccessKey(String accessKey) {
        return accessKey == null ? Optional.empty() : Optional.ofNullable(byAccessKey.get(accessKey));
    }

    /** Reloads everything; serialised so the last reload always reflects the last commit. */
    public synchronized void reload() {
        byAccessKey = Map.copyOf(loader.load());
        LOG.debug("credential directory reloaded: {} credentials", byAccessKey.size());
        announceJwksUrls(byAccessKey);
    }

    /** Tells the JWKS cache which sets are in use, so new ones are fetched in the background before the first call. */
    private void announceJwksUrls(Map<String, ActiveCredential> credentials) {
        JwksKeys jwks = jwksKeys.getIfAvailable();
        if (jwks == null) {
            return;
        }
        Set<String> urls = new TreeSet<>();
        for (ActiveCredential c : credentials.values()) {
            if (c.jwksUrl() != null && !c.revoked()) {
                urls.add(c.jwksUrl());
            }
        }
        try {
            jwks.inUse(Set.copyOf(urls));
        } catch (RuntimeException e) {
            LOG.warn("could not hand the JWKS URLs in use to the key cache: {}", e.getMessage());
        }
    }

    @EventListener(ContextRefreshedEvent.class)
    void onStart() {
        reload();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onCredentialsChanged(CredentialsChanged event) {
        reloadKeepingOldOnFailure();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onTenantChanged(TenantChanged event) {
        reloadKeepingOldOnFailure();
    }

    private void reloadKeepingOldOnFailure() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.error("credential directory reload failed; still serving the previous one: {}", e.getMessage());
        }
    }
}
