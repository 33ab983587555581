package dev.easel.gateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsrfGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.255", "0.0.0.0", "0.1.2.3", "224.0.0.1", "239.255.255.250",
            "255.255.255.255", "240.0.0.1", "198.18.0.1", "192.0.0.8",
            "::", "::1", "fc00::1", "fd00:ec2::254", "fe80::1", "febf::1", "fec0::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.1.2.3", "::127.0.0.1",
            "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2002:a00:1::", "2001:0:4136:e378::1", "2001:db8::1"})
    void should_flag_address_when_it_is_not_public_unicast(String literal) throws Exception {
        assertThat(SsrfGuard.isInternal(InetAddress.getByName(literal))).as(literal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "192.169.0.1", "169.253.0.1", "11.0.0.1", "223.255.255.254",
            "2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::"})
    void should_allow_address_when_it_is_public(String literal) throws Exception {
        assertThat(SsrfGuard.isInternal(InetAddress.getByName(literal))).as(literal).isFalse();
    }

    @Test
    void should_check_embedded_ipv4_when_address_is_a_true_ipv4_mapped_ipv6() throws Exception {
        // InetAddress.getByName folds ::ffff:x into Inet4Address; build a real Inet6Address too.
        byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        byte[] mappedPublic = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 8, 8, 8, 8};

        assertThat(SsrfGuard.isInternal(Inet6Address.getByAddress(null, mappedLoopback, -1))).isTrue();
        assertThat(SsrfGuard.isInternal(Inet6Address.getByAddress(null, mappedPublic, -1))).isFalse();
    }

    @Test
    void should_normalize_case_brackets_and_trailing_dot_when_comparing_hosts() {
        assertThat(SsrfGuard.normalizeHost("V3.FAL.Media.")).isEqualTo("v3.fal.media");
        assertThat(SsrfGuard.normalizeHost("[::1]")).isEqualTo("::1");
        assertThat(SsrfGuard.normalizeHost("localhost.")).isEqualTo("localhost");
    }
}
