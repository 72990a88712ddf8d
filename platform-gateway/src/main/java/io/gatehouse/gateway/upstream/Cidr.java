package io.gatehouse.gateway.upstream;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 127.0.0.0/8} or {@code fd00::/8}. */
public record Cidr(byte[] network, int prefixLength) {

    public Cidr {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
    }

    /** Parses {@code address/prefix} (or a bare address = a single host); IP literals only, never DNS. */
    public static Cidr parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (!IpLiteral.looksLikeIpLiteral(address)) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IP address block like 10.0.0.0/8");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + trimmed + "' is not an IP address block like 10.0.0.0/8");
        }
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + trimmed + "' has a bad prefix length");
        }
        return new Cidr(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int remainingBits = prefixLength % 8;
        if (remainingBits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - remainingBits)) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
