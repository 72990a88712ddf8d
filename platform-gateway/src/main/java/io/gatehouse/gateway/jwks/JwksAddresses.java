package io.gatehouse.gateway.jwks;

import io.gatehouse.gateway.upstream.UpstreamAddressPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/** The SSRF rule for JWKS URLs: the same address policy as upstream targets, applied to every resolved address. */
final class JwksAddresses {
    private JwksAddresses() {
    }

    /**
     * Empty when every address {@code uri}'s host resolves to is allowed; otherwise why not. Resolves the host
     * (blocking): call it off the event loop.
     *
     * @param unresolvedIsProblem whether a host that does not resolve (now) is a problem: not when a key is issued
     *                            (it may exist later), yes right before a fetch
     */
    static Optional<String> problem(URI uri, UpstreamAddressPolicy policy, boolean unresolvedIsProblem) {
        String raw = uri.getHost();
        if (raw == null || raw.isEmpty()) {
            return Optional.of("the URL has no host");
        }
        String host = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
        Optional<String> spelling = policy.hostSpellingProblem(host);
        if (spelling.isPresent()) {
            return spelling;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException | SecurityException e) {
            return unresolvedIsProblem ? Optional.of("host " + host + " does not resolve") : Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> reason = policy.blockReason(address);
            if (reason.isPresent()) {
                return Optional.of(host + " is " + reason.get() + " (" + address.getHostAddress() + "); "
                        + UpstreamAddressPolicy.hint());
            }
        }
        return Optional.empty();
    }
}
