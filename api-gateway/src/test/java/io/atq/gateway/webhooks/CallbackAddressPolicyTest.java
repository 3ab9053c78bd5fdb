package io.atq.gateway.webhooks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which addresses a callback may reach (literals only: nothing here is looked up). */
class CallbackAddressPolicyTest {

    @ParameterizedTest(name = "{0} public={1}")
    @CsvSource({
            "93.184.216.34, true", "8.8.8.8, true", "1.1.1.1, true", "172.32.0.1, true", "100.128.0.1, true",
            "2606:4700:4700::1111, true", "2a00:1450:4001::200e, true",
            "127.0.0.1, false", "127.255.255.254, false", "10.1.2.3, false", "172.16.0.1, false", "172.31.255.255, false",
            "192.168.1.1, false", "100.64.0.1, false", "100.127.255.255, false", "169.254.169.254, false",
            "0.0.0.0, false", "0.1.2.3, false", "255.255.255.255, false", "224.0.0.1, false", "240.0.0.1, false",
            "192.0.2.10, false", "198.51.100.7, false", "203.0.113.9, false", "198.18.0.1, false", "192.0.0.8, false",
            "::1, false", "::, false", "fe80::1, false", "fc00::1, false", "fd12:3456::1, false", "fec0::1, false",
            "ff02::1, false", "2001:db8::1, false", "2001:0:4136:e378::1, false", "100::1, false",
            "::ffff:127.0.0.1, false", "::ffff:10.0.0.1, false", "::ffff:8.8.8.8, true",
            "64:ff9b::a9fe:a9fe, false", "64:ff9b::808:808, true", "2002:c0a8:0101::1, false", "2002:0808:0808::1, true",
            "::7f00:1, false"})
    void judgesAddresses(String literal, boolean expected) {
        InetAddress address = IpLiterals.parse(literal).orElseThrow();

        assertThat(CallbackAddressPolicy.isPublic(address)).isEqualTo(expected);
    }

    @Test
    void refusesAHostWithAnyNonPublicAddressAndNamesIt() {
        CallbackAddressPolicy policy = new CallbackAddressPolicy(List.of());

        assertThat(policy.refusal("hooks.example.test", List.of(ip("93.184.216.34"), ip("10.0.0.5"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("10.0.0.5").contains("not a public address"));
        assertThat(policy.refusal("hooks.example.test", List.of(ip("93.184.216.34")))).isEmpty();
        assertThat(policy.refusal("hooks.example.test", List.of())).isPresent();
    }

    @Test
    void allowlistsByHostNameOrByAddressLiteral() {
        CallbackAddressPolicy policy = new CallbackAddressPolicy(List.of("127.0.0.1", "Receiver.Internal", "[::1]"));

        assertThat(policy.refusal("127.0.0.1", List.of(ip("127.0.0.1")))).isEmpty();
        assertThat(policy.refusal("localhost", List.of(ip("127.0.0.1")))).isEmpty();
        assertThat(policy.refusal("receiver.internal", List.of(ip("10.9.9.9")))).isEmpty();
        assertThat(policy.refusal("0:0:0:0:0:0:0:1", List.of(ip("::1")))).isEmpty();
        assertThat(policy.refusal("127.0.0.2", List.of(ip("127.0.0.2")))).isPresent();
        assertThat(policy.refusal("other.internal", List.of(ip("10.9.9.9")))).isPresent();
    }

    @Test
    void literalsAreParsedWithoutLookupsAndNamesAreNotLiterals() {
        assertThat(IpLiterals.parse("[::1]")).hasValueSatisfying(a -> assertThat(a.isLoopbackAddress()).isTrue());
        assertThat(IpLiterals.parse("hooks.example.test")).isEmpty();
        assertThat(IpLiterals.parse("999.1.1.1")).isEmpty();
    }

    private static InetAddress ip(String literal) {
        return IpLiterals.parse(literal).orElseThrow();
    }
}
