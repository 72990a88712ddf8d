package io.gatehouse.gateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpstreamAddressPolicyTest {
    private static final UpstreamAddressPolicy STRICT = new UpstreamAddressPolicy(List.of());

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1        | loopback",
            "127.255.0.9      | loopback",
            "::1              | loopback",
            "::ffff:127.0.0.1 | loopback",
            "10.1.2.3         | private-network",
            "172.16.0.1       | private-network",
            "172.31.255.254   | private-network",
            "192.168.0.10     | private-network",
            "100.64.0.1       | private-network",
            "100.127.255.254  | private-network",
            "169.254.169.254  | metadata",
            "100.100.100.200  | metadata",
            "fd00:ec2::254    | metadata",
            "169.254.1.1      | link-local",
            "fe80::1          | link-local",
            "fd00::1          | unique-local",
            "fc00::1          | unique-local",
            "0.0.0.0          | unspecified",
            "0.1.2.3          | unspecified",
            "::               | unspecified",
            "224.0.0.1        | multicast",
            "ff02::1          | multicast",
    })
    void internalAddressesAreBlockedWithAReason(String address, String kind) {
        assertThat(STRICT.blockReason(ip(address))).hasValueSatisfying(reason -> assertThat(reason).contains(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1", "172.32.0.1", "100.128.0.1", "192.169.0.1",
            "1.1.1.1"})
    void publicAddressesAreAllowed(String address) {
        assertThat(STRICT.blockReason(ip(address))).isEmpty();
    }

    @Test
    void theAllowlistOverridesTheClassification() {
        UpstreamAddressPolicy policy = new UpstreamAddressPolicy(UpstreamAddressPolicy.parseAllowlist("127.0.0.0/8, 10.1.0.0/16"));

        assertThat(policy.blockReason(ip("127.0.0.1"))).isEmpty();
        assertThat(policy.blockReason(ip("::ffff:127.0.0.1"))).isEmpty();
        assertThat(policy.blockReason(ip("10.1.200.3"))).isEmpty();
        assertThat(policy.blockReason(ip("10.2.0.1"))).isPresent();
        assertThat(policy.blockReason(ip("::1"))).isPresent();
        assertThat(policy.blockReason(ip("169.254.169.254"))).isPresent();
    }

    @Test
    void metadataCanOnlyBeReachedWhenListedExplicitly() {
        UpstreamAddressPolicy policy = new UpstreamAddressPolicy(List.of(Cidr.parse("169.254.169.254/32")));

        assertThat(policy.blockReason(ip("169.254.169.254"))).isEmpty();
    }

    @Test
    void anEmptyOrBlankAllowlistAllowsNothingExtra() {
        assertThat(UpstreamAddressPolicy.parseAllowlist(null)).isEmpty();
        assertThat(UpstreamAddressPolicy.parseAllowlist("")).isEmpty();
        assertThat(UpstreamAddressPolicy.parseAllowlist(" , ,")).isEmpty();
    }

    @Test
    void aMalformedAllowlistEntryIsRejected() {
        assertThatThrownBy(() -> UpstreamAddressPolicy.parseAllowlist("127.0.0.0/8,intranet.local"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("intranet.local");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "127.1", "010.0.0.1", "0x7F.0.0.1"})
    void nonCanonicalNumericHostSpellingsAreRefused(String host) {
        assertThat(STRICT.hostSpellingProblem(host)).hasValueSatisfying(p -> assertThat(p).contains(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "127.0.0.1", "example.com", "api.openai.com", "2606:4700::1", "localhost",
            "1password.com", "0x-corp.example"})
    void canonicalAddressesAndHostNamesAreFine(String host) {
        assertThat(STRICT.hostSpellingProblem(host)).isEmpty();
    }

    @Test
    void theHintTellsTheOperatorHowToAllowAddresses() {
        assertThat(UpstreamAddressPolicy.hint()).contains("PLATFORM_UPSTREAM_ALLOWLIST").contains("127.0.0.0/8");
    }

    @Test
    void aConnectionToABlockedAddressIsRefusedWithTheReasonAndTheHint() {
        assertThat(STRICT.connectRefusal(new java.net.InetSocketAddress(ip("127.0.0.1"), 8080)))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("resolved to 127.0.0.1", "a loopback address", "PLATFORM_UPSTREAM_ALLOWLIST"));
        assertThat(new UpstreamAddressPolicy(List.of(Cidr.parse("127.0.0.0/8")))
                .connectRefusal(new java.net.InetSocketAddress(ip("127.0.0.1"), 8080))).isEmpty();
        assertThat(STRICT.connectRefusal(new java.net.InetSocketAddress(ip("93.184.216.34"), 443))).isEmpty();
    }
}
