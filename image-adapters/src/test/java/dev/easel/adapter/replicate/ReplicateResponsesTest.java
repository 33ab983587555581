package dev.easel.adapter.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.poll.PollStep;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplicateResponsesTest {

    private static final Clock CLOCK = Clock.systemUTC();
    static final String UNAUTHENTICATED = """
            {"title":"Unauthenticated","detail":"You did not pass a valid authentication token","status":401}""";
    static final String NO_CREDIT = """
            {"title":"Insufficient credit","detail":"You have insufficient credit to run this model. Go to https://replicate.com/account/billing#billing to purchase credit. Once you purchase credit, please wait a few minutes before trying again.","status":402}""";
    static final String INVALID_INPUT = """
            {"detail":"- input.aspect_ratio: aspect_ratio must be one of the following: ...\\n","status":422,"title":"Input validation failed","invalid_fields":[{"type":"enum","field":"input.aspect_ratio","description":"..."}]}""";
    static final String THROTTLED = """
            {"detail":"Request was throttled. Expected available in 1 second."}""";

    @Test
    void should_return_one_url_when_output_is_a_string() {
        AdapterResult result = completed(prediction("succeeded", "\"https://replicate.delivery/xezq/out.webp\""));

        assertThat(result.images()).containsExactly(
                new GeneratedImage.Url("https://replicate.delivery/xezq/out.webp", "image/webp", null));
    }

    @Test
    void should_return_every_url_when_output_is_an_array() {
        AdapterResult result = completed(prediction("succeeded",
                "[\"https://replicate.delivery/a/out-0.png\",\"https://replicate.delivery/a/out-1.png\"]"));

        assertThat(result.images()).extracting(GeneratedImage::mediaType).containsExactly("image/png", "image/png");
        assertThat(result.images()).hasSize(2);
    }

    @Test
    void should_stay_pending_when_starting_or_processing() {
        assertThat(ReplicateResponses.prediction(prediction("starting", "null"), 201, "replicate")).isInstanceOf(PollStep.Pending.class);
        assertThat(ReplicateResponses.prediction(prediction("processing", "null"), 200, "replicate")).isInstanceOf(PollStep.Pending.class);
    }

    @Test
    void should_fail_content_policy_when_failure_mentions_nsfw() {
        JsonObject p = prediction("failed", "null")
                .put("error", "All generated images contained NSFW content. Try running it again with a different prompt.");

        ProviderException e = failed(p);

        assertThat(e.kind()).isEqualTo(ErrorKind.CONTENT_POLICY);
        assertThat(e.getMessage()).doesNotContain("Try running it again");
    }

    @Test
    void should_fail_unavailable_when_model_fails_otherwise() {
        assertThat(failed(prediction("failed", "null").put("error", "CUDA out of memory")).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_fail_timeout_when_canceled_or_aborted() {
        assertThat(failed(prediction("canceled", "null")).kind()).isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failed(prediction("aborted", "null")).kind()).isEqualTo(ErrorKind.TIMEOUT);
    }

    @Test
    void should_fail_no_image_when_output_was_removed() {
        assertThat(failed(prediction("succeeded", "null").put("data_removed", true)).kind()).isEqualTo(ErrorKind.NO_IMAGE);
    }

    @Test
    void should_map_problem_details_by_status() {
        assertThat(error(401, UNAUTHENTICATED, headers()).kind()).isEqualTo(ErrorKind.AUTH);
        assertThat(error(402, NO_CREDIT, headers()).kind()).isEqualTo(ErrorKind.QUOTA);
        ProviderException invalid = error(422, INVALID_INPUT, headers());
        assertThat(invalid.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(invalid.getMessage()).contains("Input validation failed").contains("input.aspect_ratio")
                .doesNotContain("must be one of");
        assertThat(error(503, "{\"detail\":\"down\"}", headers()).kind()).isEqualTo(ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_read_retry_after_when_throttled() {
        ProviderException withHeader = error(429, THROTTLED, headers().add("Retry-After", "3"));
        ProviderException fromDetail = error(429, THROTTLED, headers());

        assertThat(withHeader.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(withHeader.retryAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromDetail.retryAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void should_read_poll_and_cancel_urls_when_present() {
        ReplicatePrediction urls = ReplicateResponses.urls(prediction("starting", "null"));

        assertThat(urls).isEqualTo(new ReplicatePrediction("p1", "https://api.replicate.com/v1/predictions/p1",
                "https://api.replicate.com/v1/predictions/p1/cancel"));
    }

    static JsonObject prediction(String status, String outputJson) {
        return new JsonObject("""
                {"id":"p1","model":"black-forest-labs/flux-schnell","version":"hidden","input":{"prompt":"x"},
                 "output":%s,"error":null,"logs":"","status":"%s","source":"api","data_removed":false,
                 "urls":{"get":"https://api.replicate.com/v1/predictions/p1",
                         "cancel":"https://api.replicate.com/v1/predictions/p1/cancel",
                         "web":"https://replicate.com/p/p1"}}""".formatted(outputJson, status));
    }

    private static AdapterResult completed(JsonObject prediction) {
        PollStep<AdapterResult> step = ReplicateResponses.prediction(prediction, 200, "replicate");
        assertThat(step).isInstanceOf(PollStep.Completed.class);
        return ((PollStep.Completed<AdapterResult>) step).value();
    }

    private static ProviderException failed(JsonObject prediction) {
        PollStep<AdapterResult> step = ReplicateResponses.prediction(prediction, 200, "replicate");
        assertThat(step).isInstanceOf(PollStep.Failed.class);
        return ((PollStep.Failed<AdapterResult>) step).error();
    }

    private static ProviderException error(int status, String body, MultiMap headers) {
        return ReplicateResponses.error(status, headers, Buffer.buffer(body), CLOCK, "replicate");
    }

    private static MultiMap headers() {
        return MultiMap.caseInsensitiveMultiMap();
    }
}
