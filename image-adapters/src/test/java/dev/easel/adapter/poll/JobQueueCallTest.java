package dev.easel.adapter.poll;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.easel.adapter.poll.JobTestSupport.KEY;
import static dev.easel.adapter.poll.JobTestSupport.START;
import static dev.easel.adapter.poll.JobTestSupport.await;
import static dev.easel.adapter.poll.JobTestSupport.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.easel.adapter.ErrorKind;
import dev.easel.adapter.ProviderException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job-queue skeleton alone, with a made-up provider whose key travels in {@code x-token: T <key>}. */
@ExtendWith(VertxExtension.class)
class JobQueueCallTest {

    private static final Arrivals ARRIVALS = new Arrivals();

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(ARRIVALS))
            .build();

    private JobQueueRig rig;
    private JobQueueCall call;
    private String base;

    @BeforeEach
    void setUp(Vertx vertx) {
        base = "http://127.0.0.1:" + wm.getPort();
        rig = JobQueueRig.create(vertx, JobTestSupport.config("queue", base), ARRIVALS);
        call = new JobQueueCall(rig.context(), "x-token", "T ", Set.of("example.com"),
                (status, headers, body, clock, id) -> new ProviderException(
                        status == 429 ? ErrorKind.RATE_LIMITED : ErrorKind.UPSTREAM, id, status, id + " said " + status));
    }

    @AfterEach
    void tearDown() {
        call.close();
    }

    @Test
    void should_post_body_with_key_and_headers_when_submitting() throws Exception {
        wm.stubFor(post("/jobs").willReturn(okJson("{\"id\":\"j1\"}")));

        // The deadline becomes the real request timeout: generous, so a cold WireMock on a busy machine is not a failure.
        int status = await(call.submit(base + "/jobs", new JsonObject().put("prompt", "a fox"), START.plusSeconds(60),
                "submitting", (request, left) -> request.putHeader("x-left", String.valueOf(left)))).statusCode();

        assertThat(status).isEqualTo(200);
        wm.verify(postRequestedFor(urlEqualTo("/jobs"))
                .withHeader("x-token", equalTo("T " + KEY))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("x-left", equalTo("60000"))
                .withRequestBody(equalToJson("{\"prompt\":\"a fox\"}")));
    }

    @Test
    void should_fail_with_the_providers_error_when_an_answer_is_not_2xx() {
        wm.stubFor(post("/jobs").willReturn(aResponse().withStatus(429)));
        wm.stubFor(get("/jobs/j1").willReturn(aResponse().withStatus(503)));

        ProviderException submit = failure(call.submit(base + "/jobs", new JsonObject(), START.plusSeconds(5), "submitting"),
                ErrorKind.RATE_LIMITED);
        ProviderException check = failure(call.getOk(base + "/jobs/j1", START.plusSeconds(5), "checking"),
                ErrorKind.UPSTREAM);

        assertThat(submit.getMessage()).isEqualTo("queue said 429");
        assertThat(check.upstreamStatus()).isEqualTo(503);
    }

    @Test
    void should_return_any_status_when_getting_without_the_2xx_check() throws Exception {
        wm.stubFor(get("/jobs/j1").willReturn(aResponse().withStatus(202).withBody("{\"status\":\"QUEUED\"}")));

        assertThat(await(call.get(base + "/jobs/j1", START.plusSeconds(5), "checking")).statusCode()).isEqualTo(202);
    }

    @Test
    void should_fail_timeout_without_calling_when_no_time_is_left() {
        ProviderException e = failure(call.submit(base + "/jobs", new JsonObject(), START, "submitting"), ErrorKind.TIMEOUT);

        assertThat(e.getMessage()).contains("submitting");
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void should_refuse_urls_the_key_must_not_reach_when_checking_key_scope() {
        // The configured origin passes; a missing URL (no cancel URL given) is skipped.
        call.requireKeyScope(200, "a job URL", base + "/jobs/j1", null);

        assertThatThrownBy(() -> call.requireKeyScope(200, "a job URL", base + "/jobs/j1", "https://collector.evil.test/j1"))
                .isInstanceOfSatisfying(ProviderException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM);
                    assertThat(e.getMessage()).isEqualTo("queue: a job URL on an unexpected host").doesNotContain("evil");
                });
    }

    @Test
    void should_send_the_keyed_cancel_when_the_deadline_passes() {
        wm.stubFor(get("/jobs/j1").willReturn(aResponse().withStatus(202)));
        wm.stubFor(delete("/jobs/j1").willReturn(aResponse().withStatus(204)));
        Instant deadline = START.plusSeconds(2);

        failure(rig.time().runUntilDone(call.poll(this::pendingCheck, HttpMethod.DELETE, base + "/jobs/j1", deadline,
                Promise.<Void>promise().future()), deadline.plusMillis(1)), ErrorKind.TIMEOUT);

        ARRIVALS.await("DELETE", "/jobs/j1", 1);
        wm.verify(1, deleteRequestedFor(urlEqualTo("/jobs/j1")).withHeader("x-token", equalTo("T " + KEY)));
    }

    @Test
    void should_send_nothing_when_abandoned_without_a_cancel_url() {
        wm.stubFor(get("/jobs/j1").willReturn(aResponse().withStatus(202)));

        failure(call.poll(this::pendingCheck, START.plusSeconds(5), Future.succeededFuture()), ErrorKind.TIMEOUT);

        assertThat(rig.time().pendingCount()).isZero();
        wm.verify(0, anyRequestedFor(anyUrl()));
    }

    private Future<PollStep<String>> pendingCheck() {
        return call.get(base + "/jobs/j1", START.plusSeconds(5), "checking").map(r -> PollStep.pending());
    }
}
