package dev.easel.gateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class FetchPolicyTest {

    @Test
    void should_match_exact_host_ignoring_case_and_trailing_dot_when_trusted() {
        FetchPolicy policy = new FetchPolicy("fal", Set.of("Queue.Fal.Run"));

        assertThat(policy.trusts("queue.fal.run")).isTrue();
        assertThat(policy.trusts("QUEUE.fal.run.")).isTrue();
        assertThat(policy.trusts("evil-queue.fal.run")).isFalse();
        assertThat(policy.trusts("queue.fal.run.evil.com")).isFalse();
    }

    @Test
    void should_match_subdomains_only_when_entry_is_a_wildcard() {
        FetchPolicy policy = new FetchPolicy("fal", Set.of("*.fal.media"));

        assertThat(policy.trusts("v3.fal.media")).isTrue();
        assertThat(policy.trusts("a.b.fal.media")).isTrue();
        assertThat(policy.trusts("fal.media")).isFalse();
        assertThat(policy.trusts("evilfal.media")).isFalse();
        assertThat(policy.trusts("fal.media.evil.com")).isFalse();
    }

    @Test
    void should_match_ipv6_literal_with_or_without_brackets_when_trusted() {
        assertThat(new FetchPolicy("local", Set.of("[::1]")).trusts("::1")).isTrue();
        assertThat(new FetchPolicy("local", Set.of("::1")).trusts("[::1]")).isTrue();
    }

    @Test
    void should_trust_nothing_when_untrusted() {
        assertThat(FetchPolicy.untrusted("bfl").trusts("localhost")).isFalse();
    }
}
