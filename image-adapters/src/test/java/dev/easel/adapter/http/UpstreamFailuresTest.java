package dev.easel.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class UpstreamFailuresTest {

    /** Named like Netty's connect timeout, which is not a TimeoutException. */
    private static final class ConnectTimeoutException extends ConnectException {
        ConnectTimeoutException(String message) {
            super(message);
        }
    }

    @Test
    void should_classify_transport_errors_when_no_answer() {
        assertThat(UpstreamFailures.noAnswer("p", "x", new TimeoutException("t")).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(UpstreamFailures.noAnswer("p", "x", new ConnectException("refused http://h/?token=s")).kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(UpstreamFailures.noAnswer("p", "x", new ConnectException("refused http://h/?token=s")).getMessage())
                .doesNotContain("token");
    }

    @Test
    void should_be_timeout_when_the_connect_timed_out() {
        ProviderException e = UpstreamFailures.noAnswer("p", "x", new ConnectTimeoutException("after 10000 ms: h"));

        assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(e.upstreamStatus()).isZero();
    }

    @Test
    void should_name_the_step_and_the_exception_class_only_when_no_answer() {
        ProviderException e = UpstreamFailures.noAnswer("fal", "the status check",
                new ConnectException("refused https://queue.fal.run/?key=secret"));

        assertThat(e.getMessage()).isEqualTo("fal: the status check got no answer (ConnectException)");
        assertThat(e.provider()).isEqualTo("fal");
    }

    @Test
    void should_keep_a_provider_exception_when_it_is_already_one() {
        ProviderException known = new ProviderException(ErrorKind.AUTH, "p", 401, "p: refused");

        assertThat(UpstreamFailures.noAnswer("p", "x", known)).isSameAs(known);
        assertThat(UpstreamFailures.unreadable("p", 200, "x", known)).isSameAs(known);
    }

    @Test
    void should_fail_upstream_without_the_cause_text_when_an_answer_is_unreadable() {
        ProviderException e = UpstreamFailures.unreadable("openai", 200, "an ImagesResponse",
                new IllegalStateException("prompt text: a secret"));

        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
        assertThat(e.upstreamStatus()).isEqualTo(200);
        assertThat(e.getMessage()).isEqualTo("openai answered an ImagesResponse Easel cannot read");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }
}
