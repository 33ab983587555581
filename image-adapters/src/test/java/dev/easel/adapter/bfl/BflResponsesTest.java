package dev.easel.adapter.bfl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.poll.PollStep;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BflResponsesTest {

    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void should_read_polling_url_when_submitted() {
        BflTask task = BflResponses.submitted(Buffer.buffer("""
                {"id":"t1","polling_url":"https://api.eu2.bfl.ai/v1/get_result?id=t1","cost":4.0,"input_mp":0,"output_mp":1.05}"""),
                "https://api.bfl.ai/v1", "bfl");

        assertThat(task).isEqualTo(new BflTask("t1", "https://api.eu2.bfl.ai/v1/get_result?id=t1"));
    }

    @Test
    void should_build_get_result_url_when_only_id_is_returned() {
        assertThat(BflResponses.submitted(Buffer.buffer("{\"id\":\"t 1\"}"), "https://api.bfl.ai/v1", "bfl").pollingUrl())
                .isEqualTo("https://api.bfl.ai/v1/get_result?id=t+1");
        assertThatThrownBy(() -> BflResponses.submitted(Buffer.buffer("{}"), "https://api.bfl.ai/v1", "bfl"))
                .isInstanceOf(ProviderException.class);
    }

    @Test
    void should_return_sample_url_when_ready() {
        PollStep<AdapterResult> step = poll("""
                {"id":"t1","status":"Ready","result":{"sample":"https://delivery-eu1.bfl.ai/results/x/sample.jpeg?se=1&sig=abc","seed":11},"progress":null,"details":null}""");

        AdapterResult result = ((PollStep.Completed<AdapterResult>) step).value();
        assertThat(result.images()).containsExactly(new GeneratedImage.Url(
                "https://delivery-eu1.bfl.ai/results/x/sample.jpeg?se=1&sig=abc", "image/jpeg", null));
        assertThat(result.metadata()).containsEntry("seed", 11L);
    }

    @Test
    void should_stay_pending_when_pending_or_unknown_status() {
        assertThat(poll("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null,\"progress\":0.4}")).isInstanceOf(PollStep.Pending.class);
        assertThat(poll("{\"id\":\"t1\",\"status\":\"Queued\"}")).isInstanceOf(PollStep.Pending.class);
        assertThat(poll("{\"id\":\"t1\",\"state\":\"Pending\"}")).isInstanceOf(PollStep.Pending.class);
    }

    @Test
    void should_fail_content_policy_when_moderated() {
        assertThat(failedKind(poll("{\"id\":\"t1\",\"status\":\"Request Moderated\",\"result\":null}"))).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(failedKind(poll("{\"id\":\"t1\",\"status\":\"Content Moderated\",\"result\":null}"))).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_unavailable_when_task_errors_or_is_lost() {
        assertThat(failedKind(poll("{\"id\":\"t1\",\"status\":\"Error\"}"))).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(failedKind(poll("{\"id\":\"t1\",\"status\":\"Failed\"}"))).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(failedKind(poll("{\"id\":\"t1\",\"status\":\"Task not found\"}"))).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_fail_no_image_when_ready_without_sample() {
        assertThat(failedKind(poll("{\"id\":\"t1\",\"status\":\"Ready\",\"result\":{}}"))).isEqualTo(ErrorKind.NO_IMAGE);
    }

    @Test
    void should_map_error_statuses() {
        assertThat(error(402, "{\"detail\":\"Insufficient credits\"}", headers()).kind()).isEqualTo(ErrorKind.QUOTA);
        assertThat(error(403, "{\"detail\":\"Forbidden\"}", headers()).kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(error(401, "{\"detail\":\"Invalid key\"}", headers()).kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(error(500, "{\"detail\":\"Internal\"}", headers()).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(error(503, "{\"message\":\"Overloaded\"}", headers()).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        ProviderException invalid = error(422, """
                {"detail":[{"loc":["body","width"],"msg":"ensure this value is less than or equal to 1440","type":"value_error.number.not_le"}]}""",
                headers());
        assertThat(invalid.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(invalid.getMessage()).contains("value_error.number.not_le").doesNotContain("ensure this value");
    }

    @Test
    void should_carry_retry_after_when_rate_limited() {
        ProviderException e = error(429, "{\"detail\":\"You have exceeded the number of active tasks\"}",
                headers().add("Retry-After", "4"));

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(4));
    }

    private static PollStep<AdapterResult> poll(String body) {
        return BflResponses.poll(Buffer.buffer(body), 200, "image/jpeg", "bfl");
    }

    private static ErrorKind failedKind(PollStep<AdapterResult> step) {
        assertThat(step).isInstanceOf(PollStep.Failed.class);
        return ((PollStep.Failed<AdapterResult>) step).error().kind();
    }

    private static ProviderException error(int status, String body, MultiMap headers) {
        return BflResponses.error(status, headers, Buffer.buffer(body), CLOCK, "bfl");
    }

    private static MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap();
    }
}
