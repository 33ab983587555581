package dev.easel.gateway.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.BadRequestException;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import dev.easel.gateway.testing.FailoverGateway;
import dev.easel.gateway.testing.FalQueueStub;
import dev.easel.gateway.testing.Images;
import dev.easel.gateway.testing.OpenAiCompatibleStub;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Routing and failover end to end: the real gateway over HTTP, with a test catalog
 * ({@code failover-catalog.yaml}) whose providers are WireMock servers speaking OpenAI's and
 * fal's wire protocols. {@code duo} is served by {@code alpha} (priority 0, $0.01) then
 * {@code beta} (priority 1, $0.025), one image per call.
 *
 * <p>Each test gets a fresh gateway, so circuit, Retry-After and idempotency state never leak
 * between tests. The circuit's 30 s cooldown, single probe and close are covered with an
 * injected clock by {@code ImageJobServiceTest#should_open_skip_probe_once_and_close_when_a_route_fails_then_recovers}
 * and {@code LocalRouteHealthTest}; here only the opening is observed, without sleeping.
 */
class FailoverEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String DUO = "{\"model\":\"duo\",\"prompt\":\"a lighthouse at dusk\",\"response_format\":\"b64_json\"}";

    @RegisterExtension
    static final FailoverGateway failover = new FailoverGateway(Map.of("EASEL_REQUEST_TIMEOUT", "10s"));
    private static final OpenAiCompatibleStub alpha = failover.alpha();
    private static final OpenAiCompatibleStub beta = failover.beta();
    private static final FalQueueStub fal = failover.fal();

    // ---- failover on every retryable class ---------------------------------------------------

    static Stream<Arguments> retryableFailures() {
        return Stream.of(
                Arguments.of("503 server_error", (Consumer<OpenAiCompatibleStub>) OpenAiCompatibleStub::unavailable,
                        "provider_unavailable"),
                Arguments.of("429 with Retry-After", (Consumer<OpenAiCompatibleStub>) s -> s.rateLimited(30), "rate_limited"),
                Arguments.of("no answer within timeout_s", (Consumer<OpenAiCompatibleStub>) s -> s.hangsFor(4_000),
                        "upstream_timeout"),
                Arguments.of("connection reset", (Consumer<OpenAiCompatibleStub>) OpenAiCompatibleStub::resetsTheConnection,
                        "provider_unavailable"),
                Arguments.of("200 with empty data", (Consumer<OpenAiCompatibleStub>) OpenAiCompatibleStub::answersWithoutImage,
                        "no_image"),
                Arguments.of("200 with bytes that are no image",
                        (Consumer<OpenAiCompatibleStub>) OpenAiCompatibleStub::answersWithBytesThatAreNoImage, "invalid_image"),
                Arguments.of("401 invalid_api_key", (Consumer<OpenAiCompatibleStub>) OpenAiCompatibleStub::rejectsTheKey,
                        "provider_auth_failed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryableFailures")
    void should_serve_from_beta_when_alpha_fails_retryably(String why, Consumer<OpenAiCompatibleStub> failure,
                                                           String code) throws Exception {
        failure.accept(alpha);
        beta.succeeds();

        HttpResponse<String> r = post(DUO);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-easel-provider")).contains("beta");
        assertThat(r.headers().firstValue("x-easel-model")).contains("duo");
        assertThat(r.headers().firstValue("x-easel-attempts")).contains("2");
        JsonObject body = new JsonObject(r.body());
        assertThat(imagesOf(body)).hasSize(1).allSatisfy(png -> assertThat(Images.magic(png)).isEqualTo("png"));
        JsonObject metadata = body.getJsonObject("metadata");
        assertThat(metadata.getString("provider")).isEqualTo("beta");
        assertThat(metadata.getString("provider_model")).isEqualTo("beta-image-1");
        assertThat(attempts(metadata)).containsExactly("alpha failed " + code, "beta succeeded");
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isEqualTo(1);
    }

    // ---- no failover on the user's own errors ------------------------------------------------

    @Test
    void should_answer_400_content_policy_violation_without_calling_beta_when_alpha_refuses_the_prompt() throws Exception {
        alpha.refusesOnContentPolicy();
        beta.succeeds();

        HttpResponse<String> r = post(DUO);

        assertThat(r.statusCode()).isEqualTo(400);
        JsonObject error = error(r);
        assertThat(error.getString("code")).isEqualTo("content_policy_violation");
        assertThat(error.getString("type")).isEqualTo("invalid_request_error");
        assertThat(error.getString("message")).contains("alpha/duo");
        assertThat(attempts(new JsonObject(r.body()).getJsonObject("metadata")))
                .containsExactly("alpha failed content_policy_violation");
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isZero();
    }

    @Test
    void should_raise_bad_request_through_the_sdk_without_calling_beta_when_alpha_rejects_the_input() throws Exception {
        alpha.rejectsTheInput();
        beta.succeeds();

        OpenAIClient client = sdk();
        try {
            assertThatThrownBy(() -> client.images().generate(ImageGenerateParams.builder()
                    .model("duo").prompt("a lighthouse at dusk").build()))
                    .isInstanceOfSatisfying(BadRequestException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.code()).contains("invalid_request");
                        assertThat(e.getMessage()).contains("alpha/duo");
                        assertThat(e.headers().values("x-request-id")).isNotEmpty();
                    });
        } finally {
            client.close();
        }
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isZero();
    }

    // ---- pinned slugs ---------------------------------------------------------------------------

    @Test
    void should_answer_502_naming_the_slug_without_calling_beta_when_pinned_alpha_is_unavailable() throws Exception {
        alpha.unavailable();
        beta.succeeds();

        HttpResponse<String> r = post(DUO.replace("\"duo\"", "\"alpha/duo\""));

        assertThat(r.statusCode()).isEqualTo(502);
        JsonObject error = error(r);
        assertThat(error.getString("code")).isEqualTo("all_providers_exhausted");
        assertThat(error.getString("message")).contains("alpha/duo").contains("no failover");
        assertThat(attempts(new JsonObject(r.body()).getJsonObject("metadata"))).containsExactly("alpha failed provider_unavailable");
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isZero();
    }

    @Test
    void should_answer_429_with_retry_after_without_calling_beta_when_pinned_alpha_is_rate_limited() throws Exception {
        alpha.rateLimited(17);
        beta.succeeds();

        HttpResponse<String> r = post(DUO.replace("\"duo\"", "\"alpha/duo\""));

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(error(r).getString("code")).isEqualTo("rate_limited");
        assertThat(error(r).getString("type")).isEqualTo("rate_limit_error");
        assertThat(r.headers().firstValue("retry-after")).contains("17");
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isZero();
    }

    // ---- Retry-After and rate limits ------------------------------------------------------------

    @Test
    void should_go_straight_to_beta_when_alpha_asked_to_retry_after_30_seconds() throws Exception {
        alpha.rateLimited(30);
        beta.succeeds();

        HttpResponse<String> first = post(DUO);
        assertThat(first.headers().firstValue("x-easel-attempts")).contains("2");
        HttpResponse<String> second = post(DUO);

        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.headers().firstValue("x-easel-provider")).contains("beta");
        assertThat(second.headers().firstValue("x-easel-attempts")).contains("1");
        assertThat(attempts(new JsonObject(second.body()).getJsonObject("metadata"))).containsExactly("beta succeeded");
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isEqualTo(2);
        JsonObject alphaHealth = modelRoute("duo", "alpha").getJsonObject("health");
        assertThat(alphaHealth.getBoolean("available")).isFalse();
        assertThat(alphaHealth.getString("cooldown_until")).isNotNull();
    }

    @Test
    void should_answer_429_with_the_soonest_retry_after_when_every_candidate_is_rate_limited() throws Exception {
        alpha.rateLimited(30);
        beta.rateLimited(7);

        HttpResponse<String> r = post(DUO);

        assertThat(r.statusCode()).isEqualTo(429);
        JsonObject error = error(r);
        assertThat(error.getString("code")).isEqualTo("rate_limited");
        assertThat(error.getString("message")).contains("duo");
        assertThat(r.headers().firstValue("retry-after")).contains("7");
        assertThat(attempts(new JsonObject(r.body()).getJsonObject("metadata")))
                .containsExactly("alpha failed rate_limited", "beta failed rate_limited");

        // While both wait out their Retry-After, nothing is called at all.
        HttpResponse<String> again = post(DUO);
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 7));
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isEqualTo(1);
    }

    @Test
    void should_answer_502_all_providers_exhausted_with_attempts_when_every_candidate_fails() throws Exception {
        alpha.unavailable();
        beta.fails(500, "server_error", null, null, "The server had an error while processing your request.");

        HttpResponse<String> r = post(DUO);

        assertThat(r.statusCode()).isEqualTo(502);
        JsonObject error = error(r);
        assertThat(error.getString("code")).isEqualTo("all_providers_exhausted");
        assertThat(error.getString("type")).isEqualTo("api_error");
        assertThat(error.getString("message")).contains("alpha/duo").contains("beta/duo");
        JsonArray attempts = new JsonObject(r.body()).getJsonObject("metadata").getJsonArray("attempts");
        assertThat(attempts(new JsonObject().put("attempts", attempts)))
                .containsExactly("alpha failed provider_unavailable", "beta failed provider_unavailable");
        assertThat(attempts.getJsonObject(0).getString("model")).isEqualTo("alpha-image-1");
        assertThat(attempts.getJsonObject(0).getLong("latency_ms")).isNotNegative();
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(alpha.calls()).isEqualTo(1);
        assertThat(beta.calls()).isEqualTo(1);
    }

    // ---- the circuit -----------------------------------------------------------------------------

    @Test
    void should_open_alpha_circuit_and_try_beta_first_when_alpha_failed_five_times_in_a_row() throws Exception {
        alpha.unavailable();
        beta.succeeds();

        for (int i = 1; i <= 5; i++) {
            HttpResponse<String> r = post(DUO);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-easel-attempts")).as("request %d", i).contains("2");
        }
        assertThat(alpha.calls()).isEqualTo(5);

        HttpResponse<String> sixth = post(DUO);
        assertThat(sixth.statusCode()).isEqualTo(200);
        assertThat(sixth.headers().firstValue("x-easel-provider")).contains("beta");
        assertThat(sixth.headers().firstValue("x-easel-attempts")).contains("1");
        assertThat(alpha.calls()).isEqualTo(5);
        assertThat(beta.calls()).isEqualTo(6);

        JsonObject ready = new JsonObject(get("/readyz").body());
        JsonObject alphaCircuit = ready.getJsonObject("routes").getJsonObject("alpha/duo");
        assertThat(alphaCircuit.getString("state")).isEqualTo("open");
        assertThat(alphaCircuit.getBoolean("available")).isFalse();
        assertThat(alphaCircuit.getInteger("consecutive_failures")).isEqualTo(5);
        assertThat(alphaCircuit.getString("cooldown_until")).isNotNull();
        assertThat(ready.getJsonObject("routes").getJsonObject("beta/duo").getString("state")).isEqualTo("closed");
        assertThat(modelRoute("duo", "alpha").getJsonObject("health").getString("state")).isEqualTo("open");
        assertThat(modelRoute("duo", "beta").getJsonObject("health").getString("state")).isEqualTo("closed");

        JsonObject plan = new JsonObject(post("/v1/images/generations?dry_run=true", DUO, Map.of()).body());
        assertThat(plan.getJsonArray("candidates").stream().map(c -> ((JsonObject) c).getString("provider")))
                .containsExactly("beta", "alpha");
    }

    // ---- the deadline ----------------------------------------------------------------------------

    @Test
    void should_answer_504_and_cancel_the_fal_job_upstream_when_the_deadline_passes() throws Exception {
        fal.staysInQueue("fal-ai/flux/schnell");
        try (RunningGateway shortDeadline = failover.start(Map.of("EASEL_REQUEST_TIMEOUT", "2s"))) {
            long started = System.nanoTime();
            HttpResponse<String> r = post(shortDeadline, "/v1/images/generations",
                    "{\"model\":\"slow\",\"prompt\":\"a lighthouse at dusk\",\"response_format\":\"b64_json\"}", Map.of());
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(r.statusCode()).as(r.body()).isEqualTo(504);
            assertThat(error(r).getString("code")).isEqualTo("upstream_timeout");
            assertThat(tookMs).isBetween(1_900L, 6_000L);
            assertThat(attempts(new JsonObject(r.body()).getJsonObject("metadata"))).containsExactly("fal failed upstream_timeout");
            // The deadline itself cancels the job: wait for it while the gateway still runs, so a cancel
            // cut short by closing the gateway's clients cannot hide (or fake) it.
            awaitUpTo(Duration.ofSeconds(10), () -> !fal.cancels("fal-ai/flux").isEmpty());
        }
        fal.server().verify(1, postRequestedFor(urlEqualTo("/fal-ai/flux/schnell"))
                .withHeader("Authorization", equalTo("Key fal-secret")));
        fal.server().verify(moreThanOrExactly(1), getRequestedFor(urlEqualTo(
                "/fal-ai/flux/requests/" + FalQueueStub.REQUEST_ID + "/status")));
        assertThat(fal.cancels("fal-ai/flux")).hasSize(1)
                .allSatisfy(c -> assertThat(c.getHeader("Authorization")).isEqualTo("Key fal-secret"));
    }

    // ---- n emulation -----------------------------------------------------------------------------

    @Test
    void should_make_five_calls_and_return_five_images_when_n_is_five_on_a_one_per_call_route() throws Exception {
        alpha.succeeds();
        beta.succeeds();

        HttpResponse<String> r = post(DUO.replace("{", "{\"n\":5,"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(imagesOf(body)).hasSize(5).allSatisfy(png -> assertThat(Images.magic(png)).isEqualTo("png"));
        assertThat(alpha.calls()).isEqualTo(5);
        assertThat(beta.calls()).isZero();
        assertThat(alpha.requests()).allSatisfy(req -> assertThat(new JsonObject(req.getBodyAsString()).getInteger("n")).isEqualTo(1));
        assertThat(r.headers().firstValue("x-easel-attempts")).contains("5");
        assertThat(cost(body)).isEqualByComparingTo("0.05");
    }

    @Test
    void should_serve_one_part_from_beta_and_bill_each_image_at_its_route_price_when_alpha_fails_one_of_five_calls()
            throws Exception {
        alpha.failsOnlyCall(3);
        beta.succeeds();

        HttpResponse<String> r = post(DUO.replace("{", "{\"n\":5,"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = new JsonObject(r.body());
        assertThat(imagesOf(body)).hasSize(5).allSatisfy(png -> assertThat(Images.magic(png)).isEqualTo("png"));
        assertThat(alpha.calls()).isEqualTo(5);
        assertThat(beta.calls()).isEqualTo(1);
        // Four images at alpha's $0.01 and one at beta's $0.025.
        assertThat(cost(body)).isEqualByComparingTo("0.065");
        JsonObject metadata = body.getJsonObject("metadata");
        assertThat(attempts(metadata)).hasSize(6)
                .containsOnlyOnce("alpha failed provider_unavailable", "beta succeeded")
                .filteredOn("alpha succeeded"::equals).hasSize(4);
        assertThat(r.headers().firstValue("x-easel-attempts")).contains("6");
        assertThat(r.headers().firstValue("x-easel-provider")).contains(metadata.getString("provider"));
    }

    // ---- dry run ---------------------------------------------------------------------------------

    @Test
    void should_call_no_provider_and_return_the_ordered_plan_with_its_cost_when_dry_run() throws Exception {
        alpha.succeeds();
        beta.succeeds();

        HttpResponse<String> r = post("/v1/images/generations?dry_run=true", DUO.replace("{", "{\"n\":3,"), Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject plan = new JsonObject(r.body());
        assertThat(plan.getBoolean("dry_run")).isTrue();
        assertThat(plan.getString("model")).isEqualTo("duo");
        assertThat(plan.getInteger("n")).isEqualTo(3);
        assertThat(new BigDecimal(plan.getJsonObject("estimated_cost").getValue("amount").toString()))
                .isEqualByComparingTo("0.03");
        JsonArray candidates = plan.getJsonArray("candidates");
        assertThat(candidates.stream().map(c -> ((JsonObject) c).getString("slug"))).containsExactly("alpha/duo", "beta/duo");
        JsonObject first = candidates.getJsonObject(0);
        assertThat(first.getString("provider_model")).isEqualTo("alpha-image-1");
        assertThat(first.getInteger("calls")).isEqualTo(3);
        assertThat(first.getString("health")).isEqualTo("closed");
        assertThat(new BigDecimal(candidates.getJsonObject(1).getValue("estimated_cost").toString()))
                .isEqualByComparingTo("0.075");
        assertThat(alpha.everything()).isZero();
        assertThat(beta.everything()).isZero();
    }

    // ---- idempotency -----------------------------------------------------------------------------

    @Test
    void should_make_one_upstream_call_and_replay_the_same_body_when_a_request_is_repeated_with_its_key() throws Exception {
        alpha.succeeds();

        HttpResponse<String> first = post("/v1/images/generations", DUO, Map.of("Idempotency-Key", "order-42"));
        HttpResponse<String> second = post("/v1/images/generations", DUO, Map.of("Idempotency-Key", "order-42"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("x-easel-provider")).contains("alpha");
        assertThat(alpha.calls()).isEqualTo(1);

        HttpResponse<String> other = post("/v1/images/generations", DUO, Map.of("Idempotency-Key", "order-43"));
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(alpha.calls()).isEqualTo(2);
    }

    @Test
    void should_make_one_upstream_call_when_two_requests_with_the_same_key_overlap() throws Exception {
        alpha.succeedsAfter(600);

        CompletableFuture<HttpResponse<String>> one = postAsync(DUO, Map.of("Idempotency-Key", "overlap-1"));
        CompletableFuture<HttpResponse<String>> two = postAsync(DUO, Map.of("Idempotency-Key", "overlap-1"));
        HttpResponse<String> a = one.get(10, java.util.concurrent.TimeUnit.SECONDS);
        HttpResponse<String> b = two.get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(alpha.calls()).isEqualTo(1);
    }

    @Test
    void should_answer_409_idempotency_key_reused_when_the_key_comes_with_another_body() throws Exception {
        alpha.succeeds();
        assertThat(post("/v1/images/generations", DUO, Map.of("Idempotency-Key", "order-7")).statusCode()).isEqualTo(200);

        HttpResponse<String> r = post("/v1/images/generations", DUO.replace("dusk", "dawn"), Map.of("Idempotency-Key", "order-7"));

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(error(r).getString("code")).isEqualTo("idempotency_key_reused");
        assertThat(error(r).getString("message")).contains("order-7");
        assertThat(alpha.calls()).isEqualTo(1);
    }

    // ---- metadata and headers on success ---------------------------------------------------------

    @Test
    void should_report_provider_model_cost_and_attempts_when_alpha_serves_through_the_sdk() throws Exception {
        alpha.succeeds();
        beta.succeeds();

        HttpResponseFor<ImagesResponse> raw;
        OpenAIClient client = sdk();
        try {
            raw = client.images().withRawResponse().generate(ImageGenerateParams.builder()
                    .model("duo")
                    .prompt("a lighthouse at dusk")
                    .n(2)
                    .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                    .build());
        } finally {
            client.close();
        }
        ImagesResponse response = raw.parse();

        assertThat(response.data().orElseThrow()).hasSize(2).allSatisfy(image ->
                assertThat(Images.magic(Base64.getDecoder().decode(image.b64Json().orElseThrow()))).isEqualTo("png"));
        assertThat(raw.headers().values("x-easel-provider")).containsExactly("alpha");
        assertThat(raw.headers().values("x-easel-model")).containsExactly("duo");
        assertThat(raw.headers().values("x-easel-attempts")).containsExactly("2");
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) response._additionalProperties().get("metadata").convert(Map.class);
        assertThat(metadata).containsEntry("model", "duo").containsEntry("provider", "alpha")
                .containsEntry("provider_model", "alpha-image-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> cost = (Map<String, Object>) metadata.get("cost");
        assertThat(new BigDecimal(cost.get("amount").toString())).isEqualByComparingTo("0.02");
        assertThat(cost).containsEntry("currency", "USD");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> attempts = (List<Map<String, Object>>) metadata.get("attempts");
        assertThat(attempts).hasSize(2).allSatisfy(a -> assertThat(a)
                .containsEntry("provider", "alpha").containsEntry("model", "alpha-image-1").containsEntry("status", "succeeded"));

        alpha.server().verify(2, postRequestedFor(urlEqualTo(OpenAiCompatibleStub.PATH))
                .withHeader("Authorization", equalTo("Bearer alpha-secret"))
                .withRequestBody(equalToJson("{\"model\":\"alpha-image-1\",\"prompt\":\"a lighthouse at dusk\",\"n\":1,"
                        + "\"response_format\":\"b64_json\",\"size\":\"1024x1024\"}")));
        assertThat(beta.calls()).isZero();
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private OpenAIClient sdk() {
        return failover.gateway().openAiClient();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post("/v1/images/generations", body, Map.of());
    }

    private HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        return post(failover.gateway(), path, body, headers);
    }

    private static HttpResponse<String> post(RunningGateway target, String path, String body, Map<String, String> headers)
            throws Exception {
        return HTTP.send(request(target, path, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String body, Map<String, String> headers) {
        return HTTP.sendAsync(request(failover.gateway(), "/v1/images/generations", body, headers),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(RunningGateway target, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(target.baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return b.build();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(failover.gateway().baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The route of {@code provider} in {@code GET /v1/models/{model}}. */
    private JsonObject modelRoute(String model, String provider) throws Exception {
        HttpResponse<String> r = get("/v1/models/" + model);
        assertThat(r.statusCode()).isEqualTo(200);
        return new JsonObject(r.body()).getJsonArray("routes").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("provider").equals(provider)).findFirst().orElseThrow();
    }

    private static JsonObject error(HttpResponse<String> r) {
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonObject error = new JsonObject(r.body()).getJsonObject("error");
        assertThat(error.fieldNames()).contains("message", "type", "param", "code");
        return error;
    }

    /** {@code metadata.attempts} as "provider status [code]" lines, in order. */
    private static List<String> attempts(JsonObject metadata) {
        assertThat(metadata).as("metadata").isNotNull();
        return metadata.getJsonArray("attempts").stream().map(o -> (JsonObject) o)
                .map(a -> a.getString("provider") + " " + a.getString("status")
                        + (a.getString("code") == null ? "" : " " + a.getString("code")))
                .toList();
    }

    private static List<byte[]> imagesOf(JsonObject body) {
        return body.getJsonArray("data").stream().map(o -> (JsonObject) o)
                .map(o -> Base64.getDecoder().decode(o.getString("b64_json"))).toList();
    }

    private static BigDecimal cost(JsonObject body) {
        JsonObject cost = body.getJsonObject("metadata").getJsonObject("cost");
        assertThat(cost.getString("currency")).isEqualTo("USD");
        return new BigDecimal(cost.getValue("amount").toString());
    }

    /** Polls {@code condition} every 20 ms; fails when it is still false after {@code limit}. */
    private static void awaitUpTo(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within %s", limit).isLessThan(end);
            Thread.sleep(20);
        }
    }
}
