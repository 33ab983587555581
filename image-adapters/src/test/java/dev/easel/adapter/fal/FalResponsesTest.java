package dev.easel.adapter.fal;

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

class FalResponsesTest {

    private static final Clock CLOCK = Clock.systemUTC();
    static final String CONTENT_POLICY_422 = """
            {"detail":[{"loc":["body","prompt"],"msg":"The content could not be processed because it contained material flagged by a content checker.","type":"content_policy_violation","url":"https://docs.fal.ai/errors#content_policy_violation"}]}""";

    @Test
    void should_read_job_urls_when_submit_succeeds() {
        FalJobUrls urls = FalResponses.submitted(Buffer.buffer("""
                {"request_id":"r1","response_url":"https://queue.fal.run/fal-ai/flux/requests/r1",
                 "status_url":"https://queue.fal.run/fal-ai/flux/requests/r1/status",
                 "cancel_url":"https://queue.fal.run/fal-ai/flux/requests/r1/cancel","status":"IN_QUEUE","queue_position":0}"""), "fal");

        assertThat(urls).isEqualTo(new FalJobUrls("r1", "https://queue.fal.run/fal-ai/flux/requests/r1/status",
                "https://queue.fal.run/fal-ai/flux/requests/r1", "https://queue.fal.run/fal-ai/flux/requests/r1/cancel"));
    }

    @Test
    void should_fail_upstream_when_submit_lacks_urls() {
        assertThatThrownBy(() -> FalResponses.submitted(Buffer.buffer("{\"request_id\":\"r1\"}"), "fal"))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM));
    }

    @Test
    void should_read_pending_and_completed_when_status_polled() {
        assertThat(FalResponses.completed(202, headers(), Buffer.buffer("{\"status\":\"IN_QUEUE\",\"queue_position\":3}"), CLOCK, "fal")).isFalse();
        assertThat(FalResponses.completed(202, headers(), Buffer.buffer("{\"status\":\"IN_PROGRESS\",\"logs\":[]}"), CLOCK, "fal")).isFalse();
        assertThat(FalResponses.completed(200, headers(), Buffer.buffer("{\"status\":\"COMPLETED\",\"metrics\":{}}"), CLOCK, "fal")).isTrue();
    }

    @Test
    void should_return_urls_with_content_type_when_result_has_images() {
        PollStep<AdapterResult> step = FalResponses.result(200, headers(), Buffer.buffer("""
                {"images":[{"url":"https://v3.fal.media/files/a.jpeg","width":1024,"height":768,"content_type":"image/jpeg"},
                           {"url":"https://v3.fal.media/files/b.jpeg","width":1024,"height":768,"content_type":"image/jpeg"}],
                 "timings":{"inference":0.8},"seed":123,"has_nsfw_concepts":[false,false],"prompt":"p"}"""), CLOCK, "fal");

        AdapterResult result = ((PollStep.Completed<AdapterResult>) step).value();
        assertThat(result.images()).containsExactly(
                new GeneratedImage.Url("https://v3.fal.media/files/a.jpeg", "image/jpeg", null),
                new GeneratedImage.Url("https://v3.fal.media/files/b.jpeg", "image/jpeg", null));
        assertThat(result.metadata()).containsEntry("seed", 123L);
    }

    @Test
    void should_return_url_when_result_has_single_image() {
        PollStep<AdapterResult> step = FalResponses.result(200, headers(), Buffer.buffer("""
                {"image":{"url":"https://fal.media/files/x.png","content_type":"image/png"}}"""), CLOCK, "fal");

        assertThat(((PollStep.Completed<AdapterResult>) step).value().images())
                .containsExactly(new GeneratedImage.Url("https://fal.media/files/x.png", "image/png", null));
    }

    @Test
    void should_fail_content_policy_when_an_image_is_flagged_nsfw() {
        PollStep<AdapterResult> step = FalResponses.result(200, headers(), Buffer.buffer("""
                {"images":[{"url":"https://fal.media/a.jpeg"},{"url":"https://fal.media/b.jpeg"}],"has_nsfw_concepts":[false,true]}"""),
                CLOCK, "fal");

        assertThat(failedKind(step)).isEqualTo(ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_no_image_when_result_is_empty() {
        assertThat(failedKind(FalResponses.result(200, headers(), Buffer.buffer("{\"images\":[]}"), CLOCK, "fal")))
                .isEqualTo(ErrorKind.NO_IMAGE);
    }

    @Test
    void should_fail_content_policy_without_echoing_message_when_result_is_policy_422() {
        PollStep<AdapterResult> step = FalResponses.result(422, headers(), Buffer.buffer(CONTENT_POLICY_422), CLOCK, "fal");

        ProviderException e = ((PollStep.Failed<AdapterResult>) step).error();
        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(e.upstreamStatus()).isEqualTo(422);
        assertThat(e.getMessage()).contains("content_policy_violation").doesNotContain("flagged by a content checker");
    }

    @Test
    void should_fail_invalid_request_when_result_is_other_422() {
        ProviderException e = FalResponses.error(422, headers(), Buffer.buffer("""
                {"detail":[{"loc":["body","prompt"],"msg":"field required","type":"missing"}]}"""), CLOCK, "fal");

        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).contains("missing").contains("body.prompt");
    }

    @Test
    void should_map_infrastructure_errors_by_status() {
        assertThat(infra(503, "runner_scheduling_failure")).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(infra(502, "runner_incomplete_response")).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(infra(500, "internal_error")).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(infra(504, "startup_timeout")).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(infra(400, "bad_request")).isEqualTo(ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_name_error_type_when_infrastructure_fails() {
        ProviderException e = FalResponses.error(503, headers().add("X-Fal-Error-Type", "runner_scheduling_failure"),
                Buffer.buffer("{\"detail\":\"No runner\",\"error_type\":\"runner_scheduling_failure\"}"), CLOCK, "fal");

        assertThat(e.getMessage()).contains("runner_scheduling_failure").doesNotContain("No runner");
    }

    @Test
    void should_honour_retryable_header_when_present() {
        ProviderException retryable = FalResponses.error(422, headers().add("X-Fal-Retryable", "true"), Buffer.buffer("""
                {"detail":[{"loc":["body","image_url"],"msg":"x","type":"file_download_error"}]}"""), CLOCK, "fal");
        ProviderException notRetryable = FalResponses.error(503, headers().add("X-Fal-Retryable", "false"),
                Buffer.buffer("{\"detail\":\"x\",\"error_type\":\"runner_server_error\"}"), CLOCK, "fal");

        assertThat(retryable.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(notRetryable.kind()).isEqualTo(ErrorKind.UPSTREAM);
    }

    @Test
    void should_map_auth_and_quota_when_key_refused() {
        assertThat(FalResponses.error(401, headers(), Buffer.buffer("{\"detail\":\"Unauthorized\"}"), CLOCK, "fal").kind())
                .isEqualTo(ErrorKind.AUTH);
        assertThat(FalResponses.error(403, headers(), Buffer.buffer("{\"message\":\"Forbidden\"}"), CLOCK, "fal").kind())
                .isEqualTo(ErrorKind.AUTH);
        assertThat(FalResponses.error(403, headers(), Buffer.buffer("{\"detail\":\"User is locked. Reason: Exhausted balance\"}"),
                CLOCK, "fal").kind()).isEqualTo(ErrorKind.QUOTA);
    }

    @Test
    void should_carry_retry_after_when_rate_limited() {
        ProviderException e = FalResponses.error(429, headers().add("Retry-After", "7"), Buffer.buffer("{\"detail\":\"slow\"}"),
                CLOCK, "fal");

        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void should_stay_pending_when_result_is_still_in_progress() {
        assertThat(FalResponses.result(400, headers(), Buffer.buffer("{\"detail\":\"Request is still in progress\"}"), CLOCK, "fal"))
                .isInstanceOf(PollStep.Pending.class);
    }

    private static ErrorKind infra(int status, String type) {
        return FalResponses.error(status, headers().add("X-Fal-Error-Type", type),
                Buffer.buffer("{\"detail\":\"text\",\"error_type\":\"" + type + "\"}"), CLOCK, "fal").kind();
    }

    private static ErrorKind failedKind(PollStep<AdapterResult> step) {
        assertThat(step).isInstanceOf(PollStep.Failed.class);
        return ((PollStep.Failed<AdapterResult>) step).error().kind();
    }

    private static MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap();
    }
}
