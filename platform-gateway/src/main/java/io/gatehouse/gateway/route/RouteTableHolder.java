package io.gatehouse.gateway.route;

import io.gatehouse.auth.tenant.TenantChanged;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Holds the current {@link RouteTable}; rebuilds it after every committed routing or tenant change. */
@Component
public class RouteTableHolder {
    private static final Logger LOG = LoggerFactory.getLogger(RouteTableHolder.class);

    private final RouteTableLoader loader;
    private final AtomicReference<RouteTable> current = new AtomicReference<>(RouteTable.EMPTY);

    RouteTableHolder(RouteTableLoader loader) {
        this.loader = loader;
    }

    /** The snapshot to serve from; never null, never blocks. */
    public RouteTable current() {
        return current.get();
    }

    /** Reloads from the database. Serialised so that the last rebuild always reflects the last commit. */
    public synchronized void rebuild() {
        RouteTable table = loader.load();
        current.set(table);
        LOG.debug("route table rebuilt: {} routes", table.size());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onRoutingChanged(RoutingChanged event) {
        rebuildKeepingOldOnFailure();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onTenantChanged(TenantChanged event) {
        rebuildKeepingOldOnFailure();
    }

    private void rebuildKeepingOldOnFailure() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            LOG.error("route table rebuild failed; still serving the previous table: {}", e.getMessage());
        }
    }
}
