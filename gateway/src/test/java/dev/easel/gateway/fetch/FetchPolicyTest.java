package dev.easel.gateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class FetchPolicyTest {

    @Test
    void should_match_exact_host_ignoring_case_and_trailing_dot_when_trusted() {
        FetchPolicy policy = new FetchPolicy("fal", Set.of("Queue.Fal.Run"));

        assertThat(policy.trusts("queue.fal.run", 443)).isTrue();
        assertThat(policy.trusts("QUEUE.fal.run.", 443)).isTrue();
        assertThat(policy.trusts("evil-queue.fal.run", 443)).isFalse();
        assertThat(policy.trusts("queue.fal.run.evil.com", 443)).isFalse();
    }

    @Test
    void should_match_subdomains_only_when_entry_is_a_wildcard() {
        FetchPolicy policy = new FetchPolicy("fal", Set.of("*.fal.media"));

        assertThat(policy.trusts("v3.fal.media", 443)).isTrue();
        assertThat(policy.trusts("a.b.fal.media", 443)).isTrue();
        assertThat(policy.trusts("fal.media", 443)).isFalse();
        assertThat(policy.trusts("evilfal.media", 443)).isFalse();
        assertThat(policy.trusts("fal.media.evil.com", 443)).isFalse();
    }

    @Test
    void should_match_ipv6_literal_with_or_without_brackets_when_trusted() {
        assertThat(new FetchPolicy("local", Set.of("[::1]")).trusts("::1", 443)).isTrue();
        assertThat(new FetchPolicy("local", Set.of("::1")).trusts("[::1]", 443)).isTrue();
    }

    @Test
    void should_trust_only_the_standard_web_ports_when_an_entry_has_no_port() {
        FetchPolicy policy = new FetchPolicy("fal", Set.of("fal.media", "*.fal.media"));

        assertThat(policy.trusts("fal.media", 443)).isTrue();
        assertThat(policy.trusts("fal.media", 80)).isTrue();
        assertThat(policy.trusts("fal.media", 8443)).isFalse();
        assertThat(policy.trusts("v3.fal.media", 22)).isFalse();
    }

    @Test
    void should_trust_exactly_that_port_when_an_entry_has_one() {
        FetchPolicy policy = new FetchPolicy("local-sd", Set.of("10.0.0.5:7860", "[fd00::5]:9000", "*.lan:8080"));

        assertThat(policy.trusts("10.0.0.5", 7860)).isTrue();
        assertThat(policy.trusts("10.0.0.5", 443)).isFalse();
        assertThat(policy.trusts("10.0.0.5", 7861)).isFalse();
        assertThat(policy.trusts("[fd00::5]", 9000)).isTrue();
        assertThat(policy.trusts("fd00::5", 9001)).isFalse();
        assertThat(policy.trusts("gpu.lan", 8080)).isTrue();
        assertThat(policy.trusts("gpu.lan", 80)).isFalse();
        assertThat(policy.trustedHosts()).containsExactlyInAnyOrder("10.0.0.5:7860", "[fd00::5]:9000", "*.lan:8080");
    }

    @Test
    void should_refuse_an_entry_when_its_port_is_not_a_port() {
        assertThatThrownBy(() -> new FetchPolicy("x", Set.of("host:0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FetchPolicy("x", Set.of("host:http"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FetchPolicy("x", Set.of("[::1]:70000"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_trust_nothing_when_untrusted() {
        assertThat(FetchPolicy.untrusted("bfl").trusts("localhost", 443)).isFalse();
    }
}
