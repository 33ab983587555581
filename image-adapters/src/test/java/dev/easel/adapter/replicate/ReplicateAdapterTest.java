package dev.easel.adapter.replicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.easel.adapter.poll.JobTestSupport.KEY;
import static dev.easel.adapter.poll.JobTestSupport.START;
import static dev.easel.adapter.poll.JobTestSupport.await;
import static dev.easel.adapter.poll.JobTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.easel.adapter.AdapterRequest;
import dev.easel.adapter.AdapterResult;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.GeneratedImage;
import dev.easel.adapter.ProviderException;
import dev.easel.adapter.poll.JobQueueStub;
import dev.easel.adapter.poll.JobTestSupport;
import dev.easel.adapter.size.UpstreamSize;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class ReplicateAdapterTest {

    @RegisterExtension
    static JobQueueStub wm = JobQueueStub.of(new ReplicateAdapterFactory(), "/v1");

    private static final String CREATE = "/v1/models/black-forest-labs/flux-schnell/predictions";
    private static final String GET = "/v1/predictions/p1";
    private static final String CANCEL = "/v1/predictions/p1/cancel";

    @BeforeEach
    void setUp(Vertx vertx) {
        wm.start(vertx);
    }

    @Test
    void should_poll_until_succeeded_when_output_is_a_string() throws Exception {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("starting", "null"))));
        wm.stubFor(get(GET).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(prediction("processing", "null"))).willSetStateTo("done"));
        wm.stubFor(get(GET).inScenario("p").whenScenarioStateIs("done")
                .willReturn(okJson(prediction("succeeded", "\"https://replicate.delivery/xezq/out-0.webp\""))));
        JobTestSupport.Req r = schnell();
        r.n = 1;
        r.size = new UpstreamSize.Ratio("16:9", "1");
        r.outputFormat = "webp";

        AdapterResult result = await(run(r.build()));

        assertThat(result.images()).containsExactly(
                new GeneratedImage.Url("https://replicate.delivery/xezq/out-0.webp", "image/webp", null));
        wm.verify(postRequestedFor(urlEqualTo(CREATE))
                .withHeader("Authorization", equalTo("Bearer " + KEY))
                .withHeader("Prefer", equalTo("wait=5"))
                .withHeader("Cancel-After", matching("\\d+s"))
                .withRequestBody(equalToJson("""
                        {"input":{"prompt":"a red fox in snow","aspect_ratio":"16:9","megapixels":"1",
                                  "num_outputs":1,"seed":3,"output_format":"webp"}}""")));
        wm.verify(2, getRequestedFor(urlEqualTo(GET)));
        assertAllCallsCarryTheKey();
    }

    @Test
    void should_poll_until_succeeded_when_output_is_an_array() throws Exception {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("starting", "null"))));
        wm.stubFor(get(GET).inScenario("p").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(prediction("processing", "null"))).willSetStateTo("done"));
        wm.stubFor(get(GET).inScenario("p").whenScenarioStateIs("done").willReturn(okJson(prediction("succeeded",
                "[\"https://replicate.delivery/a/out-0.png\",\"https://replicate.delivery/a/out-1.png\"]"))));
        JobTestSupport.Req r = schnell();
        r.n = 2;
        r.outputFormat = "png";

        AdapterResult result = await(run(r.build()));

        assertThat(result.images()).extracting(i -> ((GeneratedImage.Url) i).url())
                .containsExactly("https://replicate.delivery/a/out-0.png", "https://replicate.delivery/a/out-1.png");
        wm.verify(postRequestedFor(urlEqualTo(CREATE)).withRequestBody(equalToJson("""
                {"input":{"prompt":"a red fox in snow","num_outputs":2,"seed":3,"output_format":"png"}}""")));
        assertAllCallsCarryTheKey();
    }

    @Test
    void should_not_poll_when_create_already_finished() throws Exception {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("succeeded", "\"https://replicate.delivery/x/out.jpg\""))));

        AdapterResult result = await(run(schnell().build()));

        assertThat(result.images()).hasSize(1);
        wm.verify(0, getRequestedFor(urlEqualTo(GET)));
    }

    @Test
    void should_map_create_errors_when_refused() {
        wm.stubFor(post(CREATE).inScenario("e").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(401, ReplicateResponsesTest.UNAUTHENTICATED)).willSetStateTo("402"));
        wm.stubFor(post(CREATE).inScenario("e").whenScenarioStateIs("402")
                .willReturn(json(402, ReplicateResponsesTest.NO_CREDIT)).willSetStateTo("422"));
        wm.stubFor(post(CREATE).inScenario("e").whenScenarioStateIs("422")
                .willReturn(json(422, ReplicateResponsesTest.INVALID_INPUT)));

        failure(run(schnell().build()), ErrorKind.AUTH);
        failure(run(schnell().build()), ErrorKind.QUOTA);
        failure(run(schnell().build()), ErrorKind.INVALID_REQUEST);
    }

    @Test
    void should_surface_retry_after_when_create_is_throttled() {
        wm.stubFor(post(CREATE).willReturn(json(429, ReplicateResponsesTest.THROTTLED).withHeader("Retry-After", "2")));

        ProviderException e = failure(run(schnell().build()), ErrorKind.RATE_LIMITED);

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void should_not_poll_before_retry_after_when_poll_is_throttled() throws Exception {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("starting", "null"))));
        wm.stubFor(get(GET).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, ReplicateResponsesTest.THROTTLED).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        wm.stubFor(get(GET).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(okJson(prediction("succeeded", "\"https://replicate.delivery/x/out.png\""))));

        await(run(schnell().build()));

        // The first poll 20 ms after the create; after the 429 the poller waits the asked 1 s
        // instead of its next 30 ms.
        assertThat(wm.arrivals().times("GET", GET)).containsExactly(
                START.plusMillis(20).toEpochMilli(), START.plusMillis(1_020).toEpochMilli());
    }

    @Test
    void should_fail_content_policy_when_prediction_fails_on_nsfw() {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("processing", "null"))));
        wm.stubFor(get(GET).willReturn(okJson(prediction("failed", "null").replace("\"error\":null",
                "\"error\":\"All generated images contained NSFW content. Try running it again with a different prompt.\""))));

        failure(run(schnell().build()), ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_post_cancel_when_deadline_passes() throws Exception {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("starting", "null"))));
        wm.stubFor(get(GET).willReturn(okJson(prediction("processing", "null"))));
        wm.stubFor(post(CANCEL).willReturn(okJson(prediction("canceled", "null"))));
        JobTestSupport.Req r = schnell();
        r.deadline = START.plusMillis(1_500);
        AdapterRequest request = r.build();

        failure(wm.runPastDeadline(request), ErrorKind.TIMEOUT);

        assertThat(wm.time().clock().instant()).isEqualTo(request.deadline());
        wm.arrivals().await("POST", CANCEL, 1);
        wm.verify(1, postRequestedFor(urlEqualTo(CANCEL)).withHeader("Authorization", equalTo("Bearer " + KEY)));
        assertThat(wm.time().pendingCount()).as("no poll can follow the end").isZero();
        wm.verify(postRequestedFor(urlEqualTo(CREATE)).withHeader("Prefer", equalTo("wait=1")));
    }

    @Test
    void should_post_cancel_when_abandoned() {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("starting", "null"))));
        wm.stubFor(get(GET).willReturn(okJson(prediction("processing", "null"))));
        wm.stubFor(post(CANCEL).willReturn(okJson(prediction("canceled", "null"))));
        Promise<Void> abandoned = Promise.promise();
        JobTestSupport.Req r = schnell();
        r.abandoned = abandoned.future();
        AdapterRequest request = r.build();
        Future<AdapterResult> result = wm.startAndCheck(request, 2);

        abandoned.complete();

        assertThat(failure(result, ErrorKind.TIMEOUT).getMessage()).contains("abandoned");
        wm.arrivals().await("POST", CANCEL, 1);
        wm.verify(1, postRequestedFor(urlEqualTo(CANCEL)).withHeader("Authorization", equalTo("Bearer " + KEY)));
        wm.arrivals().await("GET", GET, 2);
        assertThat(wm.time().pendingCount()).as("no poll can follow the end").isZero();
        assertThat(wm.arrivals().times("GET", GET)).hasSize(2);
    }

    @Test
    void should_refuse_and_send_no_key_when_poll_url_is_on_a_foreign_host() {
        wm.stubFor(post(CREATE).willReturn(json(201, prediction("starting", "null")
                .replace(wm.base() + "/v1/predictions/p1", "https://collector.example.com/p1"))));

        ProviderException e = failure(run(schnell().build()), ErrorKind.UPSTREAM);

        assertThat(e.getMessage()).contains("unexpected host");
        assertThat(wm.getAllServeEvents()).hasSize(1);
    }

    private Future<AdapterResult> run(AdapterRequest request) {
        return wm.run(request);
    }

    // --- helpers ---

    private static JobTestSupport.Req schnell() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "black-forest-labs/flux-schnell";
        r.seed = 3L;
        r.outputFormat = "webp";
        r.capabilities = JobTestSupport.capabilities(4, List.of("webp", "png", "jpeg"), Set.of("seed", "output_compression"));
        return r;
    }

    private void assertAllCallsCarryTheKey() {
        assertThat(wm.getAllServeEvents())
                .allSatisfy(e -> assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + KEY));
    }

    private String prediction(String status, String output) {
        return """
                {"id":"p1","model":"black-forest-labs/flux-schnell","version":"hidden","input":{"prompt":"a red fox in snow"},
                 "output":%s,"error":null,"logs":"","status":"%s","source":"api","data_removed":false,
                 "created_at":"2026-01-01T00:00:00Z",
                 "urls":{"get":"%s/v1/predictions/p1","cancel":"%s/v1/predictions/p1/cancel","web":"https://replicate.com/p/p1"}}"""
                .formatted(output, status, wm.base(), wm.base());
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
