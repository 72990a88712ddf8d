package io.gatehouse.gateway.health;

import io.gatehouse.gateway.route.CompiledProvider;
import io.gatehouse.gateway.route.HealthCheckSpec;
import io.gatehouse.gateway.route.UpstreamTarget;
import java.util.Map;

/**
 * What to probe for one target of one provider: {@code GET url} with the provider's injected {@code headers},
 * under {@code spec}. Equal values mean an unchanged check, so a running probe keeps its schedule. {@code origin}
 * is the key the forwarder asks {@link UpstreamHealth#isEjected} with.
 */
record ProbeTarget(String tenant, String provider, String origin, String url, Map<String, String> headers,
                   HealthCheckSpec spec) {

    ProbeTarget {
        headers = Map.copyOf(headers);
    }

    static ProbeTarget of(String tenant, CompiledProvider provider, UpstreamTarget target) {
        return new ProbeTarget(tenant, provider.name(), target.origin(), url(target, provider.healthCheck().path()),
                provider.injectedHeaders(), provider.healthCheck());
    }

    /** {@code scheme://host[:port]{base path}{check path}}, the default port left out as a browser would. */
    static String url(UpstreamTarget target, String checkPath) {
        String host = target.host().contains(":") && !target.host().startsWith("[") ? "[" + target.host() + "]"
                : target.host();
        boolean defaultPort = (target.scheme().equals("http") && target.port() == 80)
                || (target.scheme().equals("https") && target.port() == 443);
        String base = target.basePath().endsWith("/")
                ? target.basePath().substring(0, target.basePath().length() - 1) : target.basePath();
        return target.scheme() + "://" + host + (defaultPort ? "" : ":" + target.port()) + base + checkPath;
    }

    String key() {
        return tenant + "/" + provider + "/" + origin;
    }

    /** Header values are provider secrets: only their names are printed. */
    @Override
    public String toString() {
        return "ProbeTarget[" + key() + ", GET " + url + ", headers=" + headers.keySet() + ", " + spec + "]";
    }
}
