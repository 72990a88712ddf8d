package io.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ipv4BlockContainsItsAddressesOnly() {
        Cidr block = Cidr.parse("10.0.0.0/8");

        assertThat(block.contains(ip("10.0.0.0"))).isTrue();
        assertThat(block.contains(ip("10.255.255.255"))).isTrue();
        assertThat(block.contains(ip("11.0.0.0"))).isFalse();
        assertThat(block.contains(ip("9.255.255.255"))).isFalse();
    }

    @Test
    void prefixesThatAreNotByteAlignedAreMaskedBitwise() {
        Cidr block = Cidr.parse("172.16.0.0/12");

        assertThat(block.contains(ip("172.16.0.1"))).isTrue();
        assertThat(block.contains(ip("172.31.255.255"))).isTrue();
        assertThat(block.contains(ip("172.32.0.0"))).isFalse();
        assertThat(block.contains(ip("172.15.255.255"))).isFalse();
    }

    @Test
    void slash32IsASingleHostAndABareAddressMeansTheSame() {
        Cidr block = Cidr.parse("192.168.1.7/32");
        Cidr bare = Cidr.parse("192.168.1.7");

        assertThat(block.contains(ip("192.168.1.7"))).isTrue();
        assertThat(block.contains(ip("192.168.1.8"))).isFalse();
        assertThat(bare.prefixLength()).isEqualTo(32);
        assertThat(bare.contains(ip("192.168.1.7"))).isTrue();
        assertThat(bare.contains(ip("192.168.1.6"))).isFalse();
    }

    @Test
    void slash0ContainsEveryAddressOfItsFamilyOnly() {
        Cidr everyV4 = Cidr.parse("0.0.0.0/0");
        Cidr everyV6 = Cidr.parse("::/0");

        assertThat(everyV4.contains(ip("1.2.3.4"))).isTrue();
        assertThat(everyV4.contains(ip("255.255.255.255"))).isTrue();
        assertThat(everyV4.contains(ip("2606:4700::1"))).isFalse();
        assertThat(everyV6.contains(ip("2606:4700::1"))).isTrue();
        assertThat(everyV6.contains(ip("1.2.3.4"))).isFalse();
    }

    @Test
    void ipv6Blocks() {
        Cidr uniqueLocal = Cidr.parse("fc00::/7");
        Cidr loopback = Cidr.parse("::1/128");

        assertThat(uniqueLocal.contains(ip("fd00::1"))).isTrue();
        assertThat(uniqueLocal.contains(ip("fc12:3456::1"))).isTrue();
        assertThat(uniqueLocal.contains(ip("fe80::1"))).isFalse();
        assertThat(loopback.contains(ip("::1"))).isTrue();
        assertThat(loopback.contains(ip("::2"))).isFalse();
        assertThat(Cidr.parse("2001:db8::/32").prefixLength()).isEqualTo(32);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(Cidr.parse("  127.0.0.0/8 ").contains(ip("127.1.2.3"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "example.com", "localhost", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/abc",
            "10.0.0.0/", "256.0.0.0/8", "10.0.0/8", "::1/129", "1:2:3:4:5:6:7:8:9/64", "2130706433/32", "0177.0.0.1/32"})
    void badInputThrowsIllegalArgumentException(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theNetworkBytesAreCopiedSoTheBlockCannotChange() {
        byte[] network = {10, 0, 0, 0};
        Cidr block = new Cidr(network, 8);
        network[0] = 11;

        assertThat(block.contains(ip("10.1.1.1"))).isTrue();
        assertThat(block.contains(ip("11.1.1.1"))).isFalse();
    }
}
