package dev.easel.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.easel.gateway.testing.FalQueueStub;
import dev.easel.gateway.testing.OpenAiCompatibleStub;
import dev.easel.gateway.testing.RunningGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Graceful shutdown through {@code Gateway.shutdown}, the method Main's SIGTERM hook calls:
 * a slow provider's request finishes within the grace period while new ones are refused, and
 * a request still running when the grace period ends is answered 503 and its upstream job cancelled.
 */
class ShutdownDrainTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OpenAiCompatibleStub alpha;
    private OpenAiCompatibleStub beta;
    private FalQueueStub fal;
    private RunningGateway gateway;

    @BeforeEach
    void start() throws Exception {
        alpha = new OpenAiCompatibleStub();
        beta = new OpenAiCompatibleStub();
        fal = new FalQueueStub();
        Map<String, String> env = new HashMap<>();
        env.put("EASEL_CATALOG", Path.of(getClass().getResource("/failover-catalog.yaml").toURI()).toString());
        env.put("ALPHA_BASE_URL", alpha.baseUrl());
        env.put("ALPHA_KEY", "alpha-secret");
        env.put("BETA_BASE_URL", beta.baseUrl());
        env.put("BETA_KEY", "beta-secret");
        env.put("FAL_BASE_URL", fal.baseUrl());
        env.put("FAL_KEY", "fal-secret");
        env.put("EASEL_REQUEST_TIMEOUT", "60s");
        gateway = RunningGateway.start(env);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        alpha.close();
        beta.close();
        fal.close();
    }

    @Test
    void should_finish_the_in_flight_request_and_refuse_new_ones_when_shutting_down_within_grace() throws Exception {
        alpha.unavailable();
        beta.succeedsAfter(1500);
        CompletableFuture<HttpResponse<String>> inFlight = postAsync("duo");
        awaitGenerationsInFlight(1);

        var shutdown = gateway.gateway().shutdown(Duration.ofSeconds(30)).toCompletionStage().toCompletableFuture();

        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(ready.body()).getString("status")).isEqualTo("shutting_down");
        HttpResponse<String> refused = postAsync("test-pattern").get(10, TimeUnit.SECONDS);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(refused.body()).getJsonObject("error").getString("code")).isEqualTo("shutting_down");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);

        HttpResponse<String> served = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
        assertThat(served.headers().firstValue("x-easel-provider")).contains("beta");
        assertThat(shutdown.get(30, TimeUnit.SECONDS)).as("requests cut off").isZero();
    }

    @Test
    void should_answer_503_and_cancel_the_upstream_job_when_the_grace_period_runs_out() throws Exception {
        fal.staysInQueue("fal-ai/flux/schnell");
        CompletableFuture<HttpResponse<String>> inFlight = postAsync("slow");
        awaitGenerationsInFlight(1);
        awaitUpTo(() -> !fal.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(".*/status"))).isEmpty());

        int cut = gateway.gateway().shutdown(Duration.ofMillis(500)).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);

        assertThat(cut).isEqualTo(1);
        HttpResponse<String> answer = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(new JsonObject(answer.body()).getJsonObject("error").getString("code")).isEqualTo("shutting_down");
        assertThat(fal.cancels("fal-ai/flux")).as("fal's cancel_url was called").hasSize(1);
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String model) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/images/generations"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"prompt\":\"a lighthouse at dusk\","
                        + "\"response_format\":\"b64_json\"}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the in-flight gauge until the request is inside the gateway. */
    private void awaitGenerationsInFlight(int n) throws Exception {
        awaitUpTo(() -> {
            try {
                return get("/metrics").body().contains("easel_generations_in_flight " + n + ".0");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Checks a condition another process or thread makes true, for at most 10 s. */
    private static void awaitUpTo(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new AssertionError("the condition did not hold within 10 s");
    }
}
