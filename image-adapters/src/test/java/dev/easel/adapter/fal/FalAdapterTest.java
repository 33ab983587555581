package dev.easel.adapter.fal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.easel.adapter.poll.JobTestSupport.KEY;
import static dev.easel.adapter.poll.JobTestSupport.START;
import static dev.easel.adapter.poll.JobTestSupport.await;
import static dev.easel.adapter.poll.JobTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.poll.JobQueueStub;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.Dim;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class FalAdapterTest {

    @RegisterExtension
    static JobQueueStub wm = JobQueueStub.of(new FalAdapterFactory(), "");

    private static final String SUBMIT = "/fal-ai/flux/schnell";
    private static final String STATUS = "/fal-ai/flux/requests/r1/status";
    private static final String RESULT = "/fal-ai/flux/requests/r1";
    private static final String CANCEL = "/fal-ai/flux/requests/r1/cancel";

    @BeforeEach
    void setUp(Vertx vertx) {
        wm.start(vertx);
    }

    @Test
    void should_follow_queue_to_result_when_job_completes() throws Exception {
        stubSubmit();
        wm.stubFor(get(STATUS).inScenario("job").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(202, status("IN_QUEUE") .replace("}", ",\"queue_position\":2}")))
                .willSetStateTo("running"));
        wm.stubFor(get(STATUS).inScenario("job").whenScenarioStateIs("running")
                .willReturn(json(202, status("IN_PROGRESS"))).willSetStateTo("done"));
        wm.stubFor(get(STATUS).inScenario("job").whenScenarioStateIs("done")
                .willReturn(json(200, status("COMPLETED"))));
        wm.stubFor(get(RESULT).willReturn(okJson("""
                {"images":[{"url":"https://v3.fal.media/files/a.jpeg","width":1024,"height":576,"content_type":"image/jpeg"}],
                 "timings":{"inference":0.8},"seed":7,"has_nsfw_concepts":[false],"prompt":"a red fox in snow"}""")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux/schnell";
        r.seed = 7L;
        r.outputFormat = "jpeg";
        r.size = new UpstreamSize.Preset("landscape_16_9", new Dim(1024, 576));

        AdapterResult result = await(run(r.build()));

        assertThat(result.images()).containsExactly(
                new GeneratedImage.Url("https://v3.fal.media/files/a.jpeg", "image/jpeg", null));
        wm.verify(postRequestedFor(urlEqualTo(SUBMIT))
                .withHeader("Authorization", equalTo("Key " + KEY))
                .withRequestBody(equalToJson("""
                        {"prompt":"a red fox in snow","num_images":1,"seed":7,"output_format":"jpeg","image_size":"landscape_16_9"}""")));
        List<ServeEvent> events = wm.getAllServeEvents();
        assertThat(events).hasSize(5); // submit, 3 statuses, result
        assertThat(events).allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Key " + KEY));
    }

    @Test
    void should_fail_content_policy_when_result_is_422_policy_violation() {
        stubSubmit();
        wm.stubFor(get(STATUS).willReturn(json(200, status("COMPLETED"))));
        wm.stubFor(get(RESULT).willReturn(json(422, FalResponsesTest.CONTENT_POLICY_422)));

        ProviderException e = failure(run(new JobTestSupport.Req().build()), ErrorKind.CONTENT_POLICY);

        assertThat(e.upstreamStatus()).isEqualTo(422);
    }

    @Test
    void should_fail_content_policy_when_image_is_flagged_nsfw() {
        stubSubmit();
        wm.stubFor(get(STATUS).willReturn(json(200, status("COMPLETED"))));
        wm.stubFor(get(RESULT).willReturn(okJson("""
                {"images":[{"url":"https://v3.fal.media/files/black.jpeg","content_type":"image/jpeg"}],"has_nsfw_concepts":[true]}""")));

        failure(run(new JobTestSupport.Req().build()), ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_unavailable_when_result_is_runner_failure() {
        stubSubmit();
        wm.stubFor(get(STATUS).willReturn(json(200, status("COMPLETED"))));
        wm.stubFor(get(RESULT).willReturn(json(503, """
                {"detail":"Could not schedule a runner","error_type":"runner_scheduling_failure"}""")
                .withHeader("X-Fal-Error-Type", "runner_scheduling_failure")));

        ProviderException e = failure(run(new JobTestSupport.Req().build()), ErrorKind.UNAVAILABLE);

        assertThat(e.getMessage()).contains("runner_scheduling_failure");
    }

    @Test
    void should_fail_timeout_when_result_is_504() {
        stubSubmit();
        wm.stubFor(get(STATUS).willReturn(json(200, status("COMPLETED"))));
        wm.stubFor(get(RESULT).willReturn(json(504, "{\"detail\":\"Request timed out\",\"error_type\":\"request_timeout\"}")
                .withHeader("X-Fal-Error-Type", "request_timeout")));

        failure(run(new JobTestSupport.Req().build()), ErrorKind.TIMEOUT);
    }

    @Test
    void should_fail_auth_when_submit_is_refused() {
        wm.stubFor(post(SUBMIT).willReturn(json(401, "{\"detail\":\"No valid key\"}")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux/schnell";

        failure(run(r.build()), ErrorKind.AUTH);
    }

    @Test
    void should_surface_retry_after_when_submit_is_rate_limited() {
        wm.stubFor(post(SUBMIT).willReturn(json(429, "{\"detail\":\"Too many requests\"}").withHeader("Retry-After", "7")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux/schnell";

        ProviderException e = failure(run(r.build()), ErrorKind.RATE_LIMITED);

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void should_not_poll_before_retry_after_when_status_is_rate_limited() throws Exception {
        stubSubmit();
        wm.stubFor(get(STATUS).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"detail\":\"slow down\"}").withHeader("Retry-After", "1"))
                .willSetStateTo("ok"));
        wm.stubFor(get(STATUS).inScenario("limit").whenScenarioStateIs("ok").willReturn(json(200, status("COMPLETED"))));
        wm.stubFor(get(RESULT).willReturn(okJson("{\"images\":[{\"url\":\"https://fal.media/a.png\"}]}")));

        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux/schnell";
        await(run(r.build()));

        // The first check 20 ms after submission; after the 429 the poller waits the asked 1 s
        // instead of its next 30 ms.
        assertThat(wm.arrivals().times("GET", STATUS)).containsExactly(
                START.plusMillis(20).toEpochMilli(), START.plusMillis(1_020).toEpochMilli());
    }

    @Test
    void should_put_cancel_url_when_deadline_passes() throws Exception {
        stubSubmit();
        wm.stubFor(get(STATUS).willReturn(json(202, status("IN_QUEUE"))));
        wm.stubFor(put(CANCEL).willReturn(json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux/schnell";
        r.deadline = START.plusSeconds(5);
        AdapterRequest request = r.build();

        failure(wm.runPastDeadline(request), ErrorKind.TIMEOUT);

        assertThat(wm.time().clock().instant()).isEqualTo(request.deadline());
        wm.arrivals().await("PUT", CANCEL, 1);
        wm.verify(1, putRequestedFor(urlEqualTo(CANCEL)).withHeader("Authorization", equalTo("Key " + KEY)));
        assertThat(wm.time().pendingCount()).as("no check can follow the end").isZero();
    }

    @Test
    void should_put_cancel_url_when_abandoned() {
        stubSubmit();
        wm.stubFor(get(STATUS).willReturn(json(202, status("IN_PROGRESS"))));
        wm.stubFor(put(CANCEL).willReturn(json(202, "{\"status\":\"CANCELLATION_REQUESTED\"}")));
        Promise<Void> abandoned = Promise.promise();
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux/schnell";
        r.abandoned = abandoned.future();
        AdapterRequest request = r.build();
        Future<AdapterResult> result = wm.startAndCheck(request, 2);

        abandoned.complete();

        assertThat(failure(result, ErrorKind.TIMEOUT).getMessage()).contains("abandoned");
        wm.arrivals().await("PUT", CANCEL, 1);
        wm.verify(1, putRequestedFor(urlEqualTo(CANCEL)).withHeader("Authorization", equalTo("Key " + KEY)));
        wm.arrivals().await("GET", STATUS, 2);
        assertThat(wm.time().pendingCount()).as("no check can follow the end").isZero();
        assertThat(wm.arrivals().times("GET", STATUS)).hasSize(2);
    }

    @Test
    void should_refuse_and_send_no_key_when_status_url_is_on_a_foreign_host() {
        wm.stubFor(post(SUBMIT).willReturn(okJson("""
                {"request_id":"r1","status":"IN_QUEUE",
                 "status_url":"https://collector.example.com/steal/status",
                 "response_url":"https://collector.example.com/steal",
                 "cancel_url":"https://collector.example.com/steal/cancel"}""")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "fal-ai/flux/schnell";

        ProviderException e = failure(run(r.build()), ErrorKind.UPSTREAM);

        assertThat(e.getMessage()).contains("unexpected host");
        assertThat(wm.getAllServeEvents()).hasSize(1); // the submit only
    }

    private Future<AdapterResult> run(AdapterRequest request) {
        return wm.run(request);
    }

    // --- stubs ---

    private void stubSubmit() {
        wm.stubFor(post(SUBMIT).willReturn(okJson(status("IN_QUEUE").replace("}", ",\"queue_position\":0}"))));
        // The default request model is "some/model"; tests that don't care submit there.
        wm.stubFor(post("/some/model").willReturn(okJson(status("IN_QUEUE"))));
    }

    private String status(String state) {
        return "{\"request_id\":\"r1\",\"status\":\"" + state + "\","
                + "\"response_url\":\"" + wm.base() + RESULT + "\","
                + "\"status_url\":\"" + wm.base() + STATUS + "\","
                + "\"cancel_url\":\"" + wm.base() + CANCEL + "\"}";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
