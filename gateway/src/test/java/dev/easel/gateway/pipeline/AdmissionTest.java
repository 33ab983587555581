package dev.easel.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    @Test
    void should_refuse_past_the_limit_and_admit_again_after_a_leave() {
        Admission admission = new Admission(2);
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.tryEnter()).isFalse();
        assertThat(admission.full()).isTrue();
        assertThat(admission.inFlight()).isEqualTo(2);

        admission.leave();
        assertThat(admission.tryEnter()).isTrue();
        assertThat(admission.inFlight()).isEqualTo(2);
    }

    @Test
    void should_answer_503_server_busy_with_retry_after_when_full() {
        assertThat(Admission.busy().status()).isEqualTo(503);
        assertThat(Admission.busy().code()).isEqualTo("server_busy");
        assertThat(Admission.busy().retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }
}
