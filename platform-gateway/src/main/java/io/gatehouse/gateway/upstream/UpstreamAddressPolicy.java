package io.gatehouse.gateway.upstream;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides whether the gateway may connect to an address. Checked when a provider is saved and again at connect time
 * against the address actually connected to (after DNS), so a name that resolves inward is caught too.
 */
@Component
public class UpstreamAddressPolicy {
    private static final List<Cidr> METADATA = List.of(Cidr.parse("169.254.169.254/32"), Cidr.parse("fd00:ec2::254/128"),
            Cidr.parse("100.100.100.200/32"));
    private static final Cidr CARRIER_NAT = Cidr.parse("100.64.0.0/10");
    private static final Cidr UNIQUE_LOCAL = Cidr.parse("fc00::/7");
    private static final Cidr THIS_NETWORK = Cidr.parse("0.0.0.0/8");

    private final List<Cidr> allowlist;

    @Autowired
    UpstreamAddressPolicy(@Value("${platform.upstream-allowlist:}") String allowlistCsv) {
        this(parseAllowlist(allowlistCsv));
    }

    public UpstreamAddressPolicy(List<Cidr> allowlist) {
        this.allowlist = List.copyOf(allowlist);
    }

    public static List<Cidr> parseAllowlist(String csv) {
        List<Cidr> blocks = new ArrayList<>();
        if (csv != null) {
            for (String part : csv.split(",")) {
                if (!part.isBlank()) {
                    blocks.add(Cidr.parse(part));
                }
            }
        }
        return blocks;
    }

    /** Empty when allowed; otherwise what kind of address it is, for the error message. */
    public Optional<String> blockReason(InetAddress address) {
        if (allowlist.stream().anyMatch(block -> block.contains(address))) {
            return Optional.empty();
        }
        return Optional.ofNullable(classify(address));
    }

    /**
     * The connect-time check: empty when the connection may be used, otherwise why not, with the operator hint.
     * Call it with the remote address of a freshly connected channel, before anything is written to it.
     */
    public Optional<String> connectRefusal(SocketAddress remote) {
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return blockReason(inet.getAddress()).map(reason -> "the target resolved to "
                    + inet.getAddress().getHostAddress() + ", " + reason + "; " + hint());
        }
        return Optional.empty();
    }

    /** Host spellings refused before any lookup (non-canonical numeric IPv4 forms). */
    public Optional<String> hostSpellingProblem(String host) {
        if (IpLiteral.isNonCanonicalNumericHost(host)) {
            return Optional.of("'" + host + "' is not a canonical IP address; write it as a dotted quad such as 10.1.2.3");
        }
        return Optional.empty();
    }

    private static String classify(InetAddress address) {
        if (METADATA.stream().anyMatch(block -> block.contains(address))) {
            return "a cloud metadata address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isAnyLocalAddress() || (address instanceof Inet4Address && THIS_NETWORK.contains(address))) {
            return "an unspecified address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isSiteLocalAddress() || CARRIER_NAT.contains(address)) {
            return "a private-network address";
        }
        if (address instanceof Inet6Address && UNIQUE_LOCAL.contains(address)) {
            return "a unique-local address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        return null;
    }

    /** The operator-facing hint appended to every refusal. */
    public static String hint() {
        return "addresses inside the platform's network are blocked; an operator can allow them with"
                + " PLATFORM_UPSTREAM_ALLOWLIST (e.g. 127.0.0.0/8)";
    }
}
