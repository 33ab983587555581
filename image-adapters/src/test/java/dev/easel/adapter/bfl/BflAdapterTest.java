package dev.easel.adapter.bfl;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.poll.JobTestSupport.KEY;
import static dev.easel.adapter.poll.JobTestSupport.START;
import static dev.easel.adapter.poll.JobTestSupport.await;
import static dev.easel.adapter.poll.JobTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

@ExtendWith(VertxExtension.class)
class BflAdapterTest {

    @RegisterExtension
    static JobQueueStub api = JobQueueStub.of(new BflAdapterFactory(), "/v1");

    /** Stands for a host that is neither the API host nor under bfl.ai. */
    @RegisterExtension
    static WireMockExtension foreign = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final String SUBMIT = "/v1/flux-pro-1.1";
    private static final String POLL = "/v1/get_result?id=t1";

    @BeforeEach
    void setUp(Vertx vertx) {
        api.start(vertx);
    }

    @Test
    void should_poll_until_ready_when_task_is_pending() throws Exception {
        api.stubFor(post(SUBMIT).willReturn(okJson(submitted(api.base() + POLL))));
        api.stubFor(get(POLL).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null,\"progress\":0.1}")).willSetStateTo("p2"));
        api.stubFor(get(POLL).inScenario("t").whenScenarioStateIs("p2")
                .willReturn(okJson("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null,\"progress\":0.7}")).willSetStateTo("ready"));
        api.stubFor(get(POLL).inScenario("t").whenScenarioStateIs("ready").willReturn(okJson("""
                {"id":"t1","status":"Ready","result":{"sample":"https://delivery-eu1.bfl.ai/results/t1/sample.jpeg?sig=x","seed":5},
                 "progress":null,"details":null}""")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-pro-1.1";
        r.size = new UpstreamSize.Pixels(new Dim(1024, 768));
        r.seed = 5L;
        r.outputFormat = "jpeg";

        AdapterResult result = await(run(r.build()));

        assertThat(result.images()).containsExactly(
                new GeneratedImage.Url("https://delivery-eu1.bfl.ai/results/t1/sample.jpeg?sig=x", "image/jpeg", null));
        api.verify(postRequestedFor(urlEqualTo(SUBMIT))
                .withHeader("x-key", equalTo(KEY))
                .withHeader("accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"prompt":"a red fox in snow","width":1024,"height":768,"seed":5,"output_format":"jpeg"}""")));
        api.verify(3, getRequestedFor(urlEqualTo(POLL)).withHeader("x-key", equalTo(KEY)));
        assertThat(api.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getHeader("x-key")).isEqualTo(KEY));
    }

    @Test
    void should_send_aspect_ratio_when_model_takes_ratios() throws Exception {
        api.stubFor(post("/v1/flux-pro-1.1-ultra").willReturn(okJson(submitted(api.base() + POLL))));
        api.stubFor(get(POLL).willReturn(okJson("{\"id\":\"t1\",\"status\":\"Ready\",\"result\":{\"sample\":\"https://x.bfl.ai/s.png\"}}")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-pro-1.1-ultra";
        r.size = new UpstreamSize.Ratio("21:9", null);

        await(run(r.build()));

        api.verify(postRequestedFor(urlEqualTo("/v1/flux-pro-1.1-ultra")).withRequestBody(equalToJson("""
                {"prompt":"a red fox in snow","aspect_ratio":"21:9","output_format":"png"}""")));
    }

    @Test
    void should_fail_content_policy_when_moderated() {
        api.stubFor(post(SUBMIT).willReturn(okJson(submitted(api.base() + POLL))));
        api.stubFor(get(POLL).inScenario("m").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null}")).willSetStateTo("mod"));
        api.stubFor(get(POLL).inScenario("m").whenScenarioStateIs("mod")
                .willReturn(okJson("{\"id\":\"t1\",\"status\":\"Content Moderated\",\"result\":null,\"details\":{\"Moderation Reasons\":[\"Derivative Works Filter\"]}}")));

        failure(run(flux11()), ErrorKind.CONTENT_POLICY);
    }

    @Test
    void should_fail_unavailable_when_task_errors() {
        api.stubFor(post(SUBMIT).willReturn(okJson(submitted(api.base() + POLL))));
        api.stubFor(get(POLL).willReturn(okJson("{\"id\":\"t1\",\"status\":\"Error\",\"result\":null}")));

        failure(run(flux11()), ErrorKind.UNAVAILABLE);
    }

    @Test
    void should_map_submit_errors_by_status() {
        int[] statuses = {402, 403, 422, 500, 503};
        ErrorKind[] kinds = {ErrorKind.QUOTA, ErrorKind.AUTH, ErrorKind.INVALID_REQUEST, ErrorKind.UNAVAILABLE, ErrorKind.UNAVAILABLE};
        for (int i = 0; i < statuses.length; i++) {
            api.resetAll();
            String body = statuses[i] == 422
                    ? "{\"detail\":[{\"loc\":[\"body\",\"width\"],\"msg\":\"too large\",\"type\":\"less_than_equal\"}]}"
                    : "{\"detail\":\"nope\"}";
            api.stubFor(post(SUBMIT).willReturn(json(statuses[i], body)));
            failure(run(flux11()), kinds[i]);
        }
    }

    @Test
    void should_surface_retry_after_when_too_many_active_tasks() {
        api.stubFor(post(SUBMIT).willReturn(json(429, "{\"detail\":\"Too many active tasks\"}").withHeader("Retry-After", "3")));

        ProviderException e = failure(run(flux11()), ErrorKind.RATE_LIMITED);

        assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void should_not_poll_before_retry_after_when_poll_is_rate_limited() throws Exception {
        api.stubFor(post(SUBMIT).willReturn(okJson(submitted(api.base() + POLL))));
        api.stubFor(get(POLL).inScenario("r").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "{\"detail\":\"slow down\"}").withHeader("Retry-After", "1")).willSetStateTo("ok"));
        api.stubFor(get(POLL).inScenario("r").whenScenarioStateIs("ok")
                .willReturn(okJson("{\"id\":\"t1\",\"status\":\"Ready\",\"result\":{\"sample\":\"https://x.bfl.ai/s.jpeg\"}}")));

        await(run(flux11()));

        // The first poll 20 ms after submission; after the 429 the poller waits the asked 1 s
        // instead of its next 30 ms.
        assertThat(api.arrivals().times("GET", POLL)).containsExactly(
                START.plusMillis(20).toEpochMilli(), START.plusMillis(1_020).toEpochMilli());
    }

    @Test
    void should_refuse_and_send_no_key_when_polling_url_is_on_a_foreign_host() {
        foreign.stubFor(get(urlPathEqualTo("/v1/get_result")).willReturn(okJson("{\"status\":\"Pending\"}")));
        // Same machine, other origin: neither the configured host nor under bfl.ai.
        api.stubFor(post(SUBMIT).willReturn(okJson(submitted("http://127.0.0.1:" + foreign.getPort() + POLL))));

        ProviderException e = failure(run(flux11()), ErrorKind.UPSTREAM);

        assertThat(e.getMessage()).contains("polling URL on an unexpected host");
        foreign.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_stop_polling_without_cancel_when_abandoned() {
        api.stubFor(post(SUBMIT).willReturn(okJson(submitted(api.base() + POLL))));
        api.stubFor(get(POLL).willReturn(okJson("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null}")));
        Promise<Void> abandoned = Promise.promise();
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-pro-1.1";
        r.abandoned = abandoned.future();
        AdapterRequest request = r.build();
        Future<AdapterResult> result = api.startAndCheck(request, 2);

        abandoned.complete();

        assertThat(failure(result, ErrorKind.TIMEOUT).getMessage()).contains("abandoned");
        api.arrivals().await("GET", POLL, 2);
        assertThat(api.time().pendingCount()).as("no poll can follow the end").isZero();
        assertThat(api.findAll(getRequestedFor(urlEqualTo(POLL)))).hasSize(2);
        assertThat(api.getAllServeEvents()).allSatisfy(e -> assertThat(e.getRequest().getMethod().value()).isIn("GET", "POST"));
        assertThat(api.findAll(postRequestedFor(anyUrl()))).hasSize(1); // the submit; no cancel call exists
    }

    @Test
    void should_time_out_when_deadline_passes() {
        api.stubFor(post(SUBMIT).willReturn(okJson(submitted(api.base() + POLL))));
        api.stubFor(get(POLL).willReturn(okJson("{\"id\":\"t1\",\"status\":\"Pending\",\"result\":null}")));
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-pro-1.1";
        r.deadline = START.plusSeconds(5);
        AdapterRequest request = r.build();

        failure(api.runPastDeadline(request), ErrorKind.TIMEOUT);

        assertThat(api.time().clock().instant()).isEqualTo(request.deadline());
        assertThat(api.time().pendingCount()).as("no poll can follow the end").isZero();
    }

    private Future<AdapterResult> run(AdapterRequest request) {
        return api.run(request);
    }

    private static AdapterRequest flux11() {
        JobTestSupport.Req r = new JobTestSupport.Req();
        r.model = "flux-pro-1.1";
        return r.build();
    }

    private static String submitted(String pollingUrl) {
        return "{\"id\":\"t1\",\"polling_url\":\"" + pollingUrl + "\",\"cost\":4.0,\"input_mp\":0,\"output_mp\":0.79}";
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }
}
